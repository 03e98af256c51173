package dev.fmnist.evaluation.messaging;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.contracts.idx.IdxSplit;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.PredictionFlow;
import dev.fmnist.testing.Fixtures;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fmnist.evaluation.testing.Broker.utf8;
import static dev.fmnist.evaluation.testing.PredictionFlow.awaitEvaluation;
import static dev.fmnist.evaluation.testing.PredictionFlow.sendPredictions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/**
 * Cell samples end to end on the real broker and PostgreSQL: real Fashion-MNIST images published as InputImage
 * records on fmnist.images.input (raw pixels, one as PNG, one refused), their labelled predictions (some wrong) on
 * fmnist.predictions, and the samples read back from the REST API with the published pixels.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class SamplesPipelineTest {

    private static final int K = 16;
    private static final Duration WAIT = PredictionFlow.CONTRACT_DELAY.plusSeconds(10);

    private static IdxSplit test;

    @BeforeAll
    static void fixture() {
        test = IdxCodec.read(Fixtures.fashionMnistMini(), "t10k");
    }

    @Test
    void aCellListsItsNewestKImagesWithThePublishedPixelsAndMistakesOnlyTheWrongOnes() {
        String model = "samples-" + UUID.randomUUID();
        List<Integer> coats = indicesOf(4, 22); // 22 coats, all predicted right: cell (4,4) keeps the newest 16
        List<Integer> dresses = indicesOf(3, 3); // three dresses predicted as sandals: cell (3,5)
        List<Integer> shirts = indicesOf(6, 2); // two shirts predicted as T-shirts: cell (6,0)
        Map<String, byte[]> published = new HashMap<>();

        // first round: the images (one coat as PNG, a refused record before the rest), then their predictions
        List<Integer> firstCoats = coats.subList(0, 12);
        List<Map.Entry<String, byte[]>> images = new ArrayList<>();
        images.add(Map.entry(
                model + "-bad", utf8("{\"id\":\"" + model + "-bad\",\"pixels\":\"%%% not base64\",\"label\":4}")));
        for (int i : firstCoats) {
            images.add(image(model, i, i == firstCoats.get(0), published));
        }
        for (int i : dresses) {
            images.add(image(model, i, false, published));
        }
        for (int i : shirts) {
            images.add(image(model, i, false, published));
        }
        Broker.send(Topics.IMAGES_INPUT, images);
        List<Prediction> first = new ArrayList<>();
        firstCoats.forEach(i -> first.add(prediction(model, i, 4)));
        dresses.forEach(i -> first.add(prediction(model, i, 5)));
        shirts.forEach(i -> first.add(prediction(model, i, 0)));
        first.add(first.get(first.size() - 1)); // a shirt's prediction delivered twice
        sendPredictions(first);
        awaitEvaluation(model, 17);

        // second round: ten more coats, then a redelivery of an old coat's and a dress's prediction
        List<Integer> laterCoats = coats.subList(12, 22);
        Broker.send(
                Topics.IMAGES_INPUT,
                laterCoats.stream().map(i -> image(model, i, false, published)).toList());
        List<Prediction> second = new ArrayList<>();
        laterCoats.forEach(i -> second.add(prediction(model, i, 4)));
        sendPredictions(second);
        awaitEvaluation(model, 27);
        // a redelivery: an old coat's prediction, and a dress's with another label (the counted one stays)
        sendPredictions(List.of(first.get(0), prediction(model, dresses.get(0), 3)));

        // the coat cell: exactly K, the ten later coats newest, the rest from the first round, every pixel as sent
        JsonPath coatCell = await().atMost(WAIT)
                .until(
                        () -> cell(model, 4, 4, null),
                        json -> json.getList("$").size() == K
                                && json.getList("pixels").stream().allMatch(p -> p != null));
        List<String> coatIds = coatCell.getList("id", String.class);
        assertThat(coatIds).hasSize(K).doesNotHaveDuplicates();
        assertThat(coatIds.subList(0, 10))
                .as("the second round is the newest")
                .containsExactlyInAnyOrderElementsOf(ids(model, laterCoats));
        assertThat(coatIds.subList(10, K)).isSubsetOf(ids(model, firstCoats));
        assertThat(coatCell.getList("trueLabel", Integer.class)).containsOnly(4);
        assertThat(coatCell.getList("label", Integer.class)).containsOnly(4);
        assertThat(coatCell.getList("className", String.class)).containsOnly("Coat");
        assertThat(coatCell.getList("width", Integer.class)).containsOnly(28);
        assertThat(coatCell.getList("height", Integer.class)).containsOnly(28);
        for (int n = 0; n < K; n++) {
            assertThat(Base64.getDecoder().decode(coatCell.getString("pixels[" + n + "]")))
                    .as("pixels of %s", coatIds.get(n))
                    .isEqualTo(published.get(coatIds.get(n)));
            assertThat(coatCell.getList("probabilities[" + n + "]")).hasSize(10);
            assertThat(Instant.parse(coatCell.getString("timestamp[" + n + "]")))
                    .isNotNull();
        }
        assertThat(cell(model, 4, 4, 3).getList("id", String.class)).containsExactlyElementsOf(coatIds.subList(0, 3));

        // the mistake cells hold exactly their images, once each; the PNG coat was decoded by the contract
        JsonPath dressCell = awaitPixels(model, 3, 5, 3);
        assertThat(dressCell.getList("id", String.class)).containsExactlyInAnyOrderElementsOf(ids(model, dresses));
        assertThat(dressCell.getString("[0].trueClassName")).isEqualTo("Dress");
        assertThat(dressCell.getString("[0].className")).isEqualTo("Sandal");
        for (int n = 0; n < 3; n++) {
            assertThat(Base64.getDecoder().decode(dressCell.getString("pixels[" + n + "]")))
                    .isEqualTo(published.get(dressCell.getString("id[" + n + "]")));
        }
        JsonPath shirtCell = awaitPixels(model, 6, 0, 2);
        assertThat(shirtCell.getList("id", String.class))
                .as("the prediction delivered twice is sampled once")
                .containsExactlyInAnyOrderElementsOf(ids(model, shirts));
        assertThat(cell(model, 0, 0, null).getList("$")).isEmpty();
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(cell(model, 3, 3, null).getList("$"))
                        .as("a redelivered prediction is not sampled again")
                        .isEmpty());
        assertThat(cell(model, 3, 5, null).getList("id", String.class)).hasSize(3);

        JsonPath mistakes = JsonPath.from(given().get("/api/evaluations/{id}/mistakes", model)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> wrong = new ArrayList<>(ids(model, dresses));
        wrong.addAll(ids(model, shirts));
        assertThat(mistakes.getList("id", String.class)).containsExactlyInAnyOrderElementsOf(wrong);
        for (int n = 0; n < wrong.size(); n++) {
            assertThat(mistakes.getInt("trueLabel[" + n + "]")).isNotEqualTo(mistakes.getInt("label[" + n + "]"));
        }
        assertThat(mistakes.getList("timestamp", String.class).stream()
                        .map(Instant::parse)
                        .toList())
                .as("newest first")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // the refused record was skipped (and counted), and did not stop the images after it
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fmnist_evaluation_images_total{outcome=\"refused\"}"))
                .body(containsString("fmnist_evaluation_images_total{outcome=\"stored\"}"));
    }

    @Test
    void labelsLimitsAndUnknownModelsAreAnsweredWithAReason() {
        String model = "samples-rest-" + UUID.randomUUID();
        sendPredictions(List.of(prediction(model, indicesOf(1, 1).get(0), 1)));
        awaitEvaluation(model, 1);

        given().get("/api/evaluations/{id}/cells/{t}/{p}", model, 10, 1)
                .then()
                .statusCode(400)
                .body("error", equalTo("Bad Request"))
                .body("reason", equalTo("trueLabel must be an integer 0..9, was 10"));
        given().get("/api/evaluations/{id}/cells/{t}/{p}", model, 1, "x")
                .then()
                .statusCode(400)
                .body("reason", equalTo("predictedLabel must be an integer 0..9, was x"));
        given().queryParam("limit", K + 1)
                .get("/api/evaluations/{id}/cells/{t}/{p}", model, 1, 1)
                .then()
                .statusCode(400)
                .body("reason", equalTo("limit must be 1.." + K + ", was " + (K + 1)));
        given().queryParam("limit", 0)
                .get("/api/evaluations/{id}/mistakes", model)
                .then()
                .statusCode(400)
                .body("reason", startsWith("limit must be 1..200"));
        given().get("/api/evaluations/{id}/cells/{t}/{p}", "no-such-model", 1, 1)
                .then()
                .statusCode(404)
                .body("reason", startsWith("no labelled prediction"));
        given().get("/api/evaluations/{id}/mistakes", "no-such-model").then().statusCode(404);
        // an image never published: the sample is there, its pixels null
        given().get("/api/evaluations/{id}/cells/{t}/{p}", model, 1, 1)
                .then()
                .statusCode(200)
                .body("[0].id", equalTo(model + "-" + indicesOf(1, 1).get(0)))
                .body("[0]", hasKey("pixels"))
                .body("[0].pixels", equalTo(null));
        given().get("/api/evaluations/{id}/mistakes", model)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/evaluations/{modelId}/cells/{trueLabel}/{predictedLabel}"))
                .body("paths", hasKey("/api/evaluations/{modelId}/mistakes"));
    }

    private static JsonPath awaitPixels(String model, int trueLabel, int predicted, int size) {
        return await().atMost(WAIT)
                .until(
                        () -> cell(model, trueLabel, predicted, null),
                        json -> json.getList("$").size() == size
                                && json.getList("pixels").stream().allMatch(p -> p != null));
    }

    private static JsonPath cell(String model, int trueLabel, int predicted, Integer limit) {
        var request = given();
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        return JsonPath.from(request.get("/api/evaluations/{id}/cells/{t}/{p}", model, trueLabel, predicted)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** @return the first {@code count} indices of test images of a class */
    private static List<Integer> indicesOf(int label, int count) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < test.count() && indices.size() < count; i++) {
            if (test.label(i) == label) {
                indices.add(i);
            }
        }
        assertThat(indices).hasSize(count);
        return indices;
    }

    private static List<String> ids(String model, List<Integer> indices) {
        return indices.stream().map(i -> model + "-" + i).toList();
    }

    private static Map.Entry<String, byte[]> image(
            String model, int index, boolean png, Map<String, byte[]> published) {
        String id = model + "-" + index;
        byte[] pixels = test.image(index);
        published.put(id, pixels);
        InputImage image = png
                ? new InputImage(
                        id,
                        null,
                        Base64.getEncoder().encodeToString(GreyImageEncoder.toPng(pixels)),
                        28,
                        28,
                        test.label(index))
                : InputImage.ofPixels(id, pixels, test.label(index));
        return Map.entry(id, JsonCodec.toBytes(image));
    }

    private static Prediction prediction(String model, int index, int predicted) {
        double[] probabilities = new double[FashionLabels.COUNT];
        java.util.Arrays.fill(probabilities, 0.01);
        probabilities[predicted] = 0.91;
        return new Prediction(
                model + "-" + index,
                model,
                1,
                predicted,
                FashionLabels.name(predicted),
                probabilities,
                test.label(index),
                1.0,
                Instant.now());
    }
}
