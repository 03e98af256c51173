package dev.fmnist.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageDecoder;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.support.Broker;
import dev.fmnist.inference.support.RegistryPortResource;
import dev.fmnist.inference.support.StandInRegistry;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The service end to end against a real Kafka broker and a stand-in model registry on real HTTP, with real DL4J
 * models trained on the real fixture. The methods run in order: the service starts with no production model, model
 * A is promoted in the first test, model B replaces it in the middle of a stream, then a forged model event is
 * refused.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(RegistryPortResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferencePipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Broker broker;
    private static ConsumerTask<String, byte[]> predictions;
    private static ConsumerTask<String, byte[]> rejections;
    private static StandInRegistry registry;
    private static TrainedModels.Trained modelA;
    private static TrainedModels.Trained modelB;
    private static TrainingData images;

    @BeforeAll
    static void setUp() throws IOException {
        String bootstrap = SharedTestPlatform.get().bootstrapServers();
        broker = new Broker(bootstrap);
        predictions = broker.read(Topics.PREDICTIONS);
        rejections = broker.read(Topics.REJECTED);
        images = TrainedModels.testImages();
        modelA = TrainedModels.first();
        modelB = TrainedModels.second();
        String registryUrl = ConfigProvider.getConfig().getValue(RegistryPortResource.REGISTRY_URL, String.class);
        registry = StandInRegistry.start(URI.create(registryUrl).getPort());
        registry.register(modelA, ModelStatus.REGISTERED);
    }

    @AfterAll
    static void tearDown() {
        broker.close();
        registry.close();
    }

    @Test
    @Order(1)
    void imagesPublishedBeforeAnyProductionModelWaitAndArePredictedOnceOneIsPromoted() {
        publishImages("wait-", 0, 20);
        given().get("/model").then().statusCode(404).body("serving", equalTo(false));
        given().contentType(ContentType.JSON)
                .body(json("rest-wait", images.images().get(0), null))
                .post("/predict")
                .then()
                .statusCode(503)
                .body("rule", equalTo("no-model"))
                .body("status", equalTo(503))
                .body("error", equalTo("Service Unavailable"))
                .body("reason", startsWith("no-model: "));
        given().contentType(ContentType.JSON)
                .body("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8))
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("missing-image"))
                .body("error", equalTo("Bad Request"));

        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        Broker.values(predictions, Prediction.class, "wait-").isEmpty());

        registry.promote(modelA.modelId());
        broker.sendJson(Topics.MODELS, modelA.modelId(), modelA.event(ModelStatus.PRODUCTION, registry));

        List<Prediction> predicted = awaitPredictions("wait-", 20);
        assertThat(predicted).extracting(Prediction::modelId).containsOnly(modelA.modelId());
        given().get("/model")
                .then()
                .statusCode(200)
                .body("serving", equalTo(true))
                .body("modelId", equalTo(modelA.modelId()))
                .body("version", equalTo(1))
                .body("artifactSha256", equalTo(modelA.sha256()));
    }

    @Test
    @Order(2)
    void everyPublishedImageGetsExactlyOneValidPredictionWithItsId() {
        publishImages("n-", 0, images.size());

        List<Prediction> predicted = awaitPredictions("n-", images.size());
        assertThat(predicted).extracting(Prediction::id).containsExactlyInAnyOrderElementsOf(ids("n-", images.size()));

        int correct = 0;
        for (Prediction prediction : predicted) {
            int index = Integer.parseInt(prediction.id().substring(2));
            assertThat(prediction.problem()).isNull();
            assertThat(prediction.modelId()).isEqualTo(modelA.modelId());
            assertThat(prediction.modelVersion()).isEqualTo(1);
            assertThat(prediction.role()).isEqualTo(Prediction.PRODUCTION);
            assertThat(prediction.trueLabel()).isEqualTo(images.labels()[index]);
            assertThat(prediction.className()).isEqualTo(FashionLabels.name(prediction.label()));
            assertThat(Arrays.stream(prediction.probabilities()).sum()).isCloseTo(1.0, within(1e-4));
            assertThat(prediction.latencyMs()).isBetween(0.0, 60_000.0);
            correct += prediction.label() == images.labels()[index] ? 1 : 0;
        }
        assertThat(correct / (double) images.size()).as("accuracy").isGreaterThan(0.6);
    }

    @Test
    @Order(3)
    void poisonRecordsAreRejectedWithReasonsWhileTheGoodRecordsAroundThemArePredicted() {
        byte[] pixels = images.images().get(3);
        byte[] corruptPng = Arrays.copyOf(GreyImageEncoder.toPng(pixels), 40);
        Map<String, byte[]> poison = Map.of(
                "poison-json", "{\"id\": \"p1\", \"pixels\": ".getBytes(StandardCharsets.UTF_8),
                "poison-size", JsonCodec.toBytes(InputImage.ofPixels("p2", new byte[783], null)),
                "poison-base64", "{\"id\":\"p3\",\"pixels\":\"%%%not-base64%%%\"}".getBytes(StandardCharsets.UTF_8),
                "poison-png",
                        JsonCodec.toBytes(new InputImage(
                                "p4", null, Base64.getEncoder().encodeToString(corruptPng), null, null, null)),
                "poison-huge", hugeRecord());
        int good = 0;
        for (Map.Entry<String, byte[]> entry : poison.entrySet()) {
            publishImages("good-", good, good + 2);
            broker.send(Topics.IMAGES_INPUT, entry.getKey(), entry.getValue());
            good += 2;
        }
        publishImages("good-", good, good + 2);

        assertThat(awaitPredictions("good-", good + 2))
                .extracting(Prediction::id)
                .containsExactlyInAnyOrderElementsOf(ids("good-", good + 2));
        await().atMost(PATIENCE)
                .until(() ->
                        Broker.values(rejections, Rejection.class, "poison-").size() >= poison.size());
        Map<String, String> reasons = Broker.values(rejections, Rejection.class, "poison-").stream()
                .collect(Collectors.toMap(Rejection::key, Rejection::reason));
        assertThat(reasons).hasSize(poison.size());
        assertThat(reasons.get("poison-json")).startsWith("invalid-json");
        assertThat(reasons.get("poison-size")).startsWith("invalid-pixels").contains("783");
        assertThat(reasons.get("poison-base64")).startsWith("invalid-pixels").contains("base64");
        assertThat(reasons.get("poison-png")).startsWith("invalid-png");
        assertThat(reasons.get("poison-huge")).startsWith("record-too-large");
        assertThat(Broker.values(rejections, Rejection.class, "poison-")).allSatisfy(rejection -> {
            assertThat(rejection.topic()).isEqualTo(Topics.IMAGES_INPUT);
            assertThat(rejection.payload()).hasSizeLessThanOrEqualTo(Rejection.PAYLOAD_LIMIT);
        });
        assertThat(Broker.values(
                        predictions,
                        Prediction.class,
                        key -> Set.of("p1", "p2", "p3", "p4", "huge").contains(key)))
                .as("refused records get no prediction")
                .isEmpty();
    }

    @Test
    @Order(4)
    void aPngGetsThePredictionOfItsRawPixelsOnKafkaAndOverRest() {
        byte[] pixels = images.images().get(11);
        byte[] png = GreyImageEncoder.toPng(pixels);
        broker.sendJson(Topics.IMAGES_INPUT, "same-raw", InputImage.ofPixels("same-raw", pixels, null));
        broker.sendJson(
                Topics.IMAGES_INPUT,
                "same-png",
                new InputImage("same-png", null, Base64.getEncoder().encodeToString(png), null, null, null));

        List<Prediction> viaKafka = awaitPredictions("same-", 2);
        double[] raw = viaKafka.stream()
                .filter(p -> p.id().equals("same-raw"))
                .findFirst()
                .orElseThrow()
                .probabilities();
        assertThat(viaKafka.stream()
                        .filter(p -> p.id().equals("same-png"))
                        .findFirst()
                        .orElseThrow()
                        .probabilities())
                .containsExactly(raw);

        Prediction restRaw = JsonCodec.fromBytes(
                given().contentType(ContentType.JSON)
                        .body(json("rest-raw", pixels, images.labels()[11]))
                        .post("/predict")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray(),
                Prediction.class);
        Prediction restPng = JsonCodec.fromBytes(
                given().contentType("image/png")
                        .body(png)
                        .queryParam("id", "rest-png")
                        .queryParam("label", images.labels()[11])
                        .post("/predict")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray(),
                Prediction.class);
        Prediction restUpload = JsonCodec.fromBytes(
                given().multiPart("file", "shoe.png", png, "image/png")
                        .multiPart("id", "rest-upload")
                        .post("/predict")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray(),
                Prediction.class);

        assertThat(restRaw.probabilities()).containsExactly(raw);
        assertThat(restPng.probabilities()).containsExactly(raw);
        assertThat(restUpload.probabilities()).containsExactly(raw);
        assertThat(List.of(restRaw.id(), restPng.id(), restUpload.id()))
                .containsExactly("rest-raw", "rest-png", "rest-upload");
        assertThat(restPng.trueLabel()).isEqualTo(images.labels()[11]);
        assertThat(restUpload.trueLabel()).isNull();
        given().contentType("image/png")
                .body(Arrays.copyOf(png, 30))
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("invalid-png"))
                .body("reason", startsWith("invalid-png"));
    }

    @Test
    @Order(4)
    void includeInputAddsTheGreyLevelsTheModelSawAndChangesNothingElse() throws IOException {
        // a 56x56 colour PNG: what the model sees is the contract decoder's 28x28 grey levels of it
        byte[] png = colourPng(images.images().get(12), 2);
        byte[] seen = GreyImageDecoder.decode(png);

        byte[] plain = given().contentType("image/png")
                .body(png)
                .queryParam("id", "incl-plain")
                .post("/predict")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(JsonCodec.mapper().readTree(plain).has("input"))
                .as("without include")
                .isFalse();
        Prediction withoutInclude = JsonCodec.fromBytes(plain, Prediction.class);

        byte[] included = given().contentType("image/png")
                .body(png)
                .queryParam("id", "incl-png")
                .queryParam("include", "input")
                .post("/predict")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        JsonNode answer = JsonCodec.mapper().readTree(included);
        assertThat(answer.get("input").get("width").asInt()).isEqualTo(28);
        assertThat(answer.get("input").get("height").asInt()).isEqualTo(28);
        assertThat(Base64.getDecoder().decode(answer.get("input").get("pixels").asText()))
                .as("the grey levels the model saw")
                .isEqualTo(seen);
        Prediction withInclude = JsonCodec.fromBytes(included, Prediction.class);
        assertThat(withInclude.label()).isEqualTo(withoutInclude.label());
        assertThat(withInclude.className()).isEqualTo(withoutInclude.className());
        assertThat(withInclude.probabilities()).containsExactly(withoutInclude.probabilities());
        assertThat(withInclude.id()).isEqualTo("incl-png");
        JsonNode besidesInput = ((ObjectNode) answer.deepCopy()).without("input");
        assertThat((Object) besidesInput)
                .as("besides input, the plain Prediction JSON")
                .isEqualTo(JsonCodec.mapper().readTree(JsonCodec.toBytes(withInclude)));

        JsonNode upload = JsonCodec.mapper()
                .readTree(given().multiPart("file", "shirt.png", png, "image/png")
                        .queryParam("include", "input")
                        .post("/predict")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertThat(Base64.getDecoder().decode(upload.get("input").get("pixels").asText()))
                .isEqualTo(seen);
        byte[] raw = images.images().get(12);
        JsonNode viaJson = JsonCodec.mapper()
                .readTree(given().contentType(ContentType.JSON)
                        .body(json("incl-json", raw, null))
                        .queryParam("include", "input")
                        .post("/predict")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertThat(Base64.getDecoder().decode(viaJson.get("input").get("pixels").asText()))
                .isEqualTo(raw);

        given().contentType("image/png")
                .body(png)
                .queryParam("include", "everything")
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("unknown-include"))
                .body(
                        "reason",
                        equalTo("unknown-include: include='everything' is not known; the only value is 'input'"));
    }

    /** @return the image scaled up {@code factor} times as an RGB PNG, each grey level tinted */
    private static byte[] colourPng(byte[] pixels, int factor) throws IOException {
        int side = 28 * factor;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int grey = pixels[(y / factor) * 28 + x / factor] & 0xFF;
                image.setRGB(x, y, (grey << 16) | ((grey * 3 / 4) << 8) | (grey / 2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    @Order(5)
    void swappingTheProductionModelInTheMiddleOfAStreamLosesNothingAndPredictsNothingTwice() throws Exception {
        int total = 3000;
        Thread sender = new Thread(() -> {
            for (int from = 0; from < total; from += 50) {
                publishImages("swap-", from, from + 50);
                sleep(50);
            }
        });
        sender.start();
        await().atMost(PATIENCE)
                .until(() ->
                        Broker.values(predictions, Prediction.class, "swap-").size() >= 300);
        registry.register(modelB, ModelStatus.REGISTERED);
        broker.sendJson(Topics.MODELS, modelB.modelId(), modelB.event(ModelStatus.REGISTERED, registry));
        registry.promote(modelB.modelId());
        broker.sendJson(Topics.MODELS, modelB.modelId(), modelB.event(ModelStatus.PRODUCTION, registry));
        broker.sendJson(Topics.MODELS, modelA.modelId(), modelA.event(ModelStatus.ARCHIVED, registry));
        sender.join();

        List<Prediction> predicted = awaitPredictions("swap-", total);
        assertThat(predicted).extracting(Prediction::id).containsExactlyInAnyOrderElementsOf(ids("swap-", total));
        assertThat(predicted)
                .extracting(Prediction::modelId)
                .contains(modelA.modelId(), modelB.modelId())
                .containsOnly(modelA.modelId(), modelB.modelId());
        given().get("/model")
                .then()
                .statusCode(200)
                .body("modelId", equalTo(modelB.modelId()))
                .body("version", equalTo(2));

        publishImages("after-", 0, 10);
        assertThat(awaitPredictions("after-", 10))
                .extracting(Prediction::modelId)
                .containsOnly(modelB.modelId());
    }

    @Test
    @Order(6)
    void aForgedModelEventPointingElsewhereIsRefusedAndLoggedAndTheServedModelIsUnchanged() throws IOException {
        AtomicInteger foreignRequests = new AtomicInteger();
        HttpServer foreign = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        foreign.createContext("/", exchange -> {
            foreignRequests.incrementAndGet();
            byte[] bytes = modelA.bytes();
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        foreign.start();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RegistryFollower.class.getName());
        log.addHandler(capture);
        try {
            String foreignUrl = "http://localhost:" + foreign.getAddress().getPort() + "/models/forged-1/artifact";
            ModelEvent forged = new ModelEvent(
                    "forged-1",
                    "fashion",
                    99,
                    "mlp",
                    ModelStatus.PRODUCTION,
                    null,
                    Map.of(),
                    null,
                    null,
                    modelA.sha256(),
                    foreignUrl,
                    "forged",
                    Instant.now().plusSeconds(60));
            broker.sendJson(Topics.MODELS, forged.modelId(), forged);

            await().atMost(PATIENCE)
                    .until(() -> !Broker.values(rejections, Rejection.class, "forged-1")
                            .isEmpty());
            Rejection rejection =
                    Broker.values(rejections, Rejection.class, "forged-1").get(0);
            assertThat(rejection.topic()).isEqualTo(Topics.MODELS);
            assertThat(rejection.reason())
                    .startsWith(RegistryFollower.UNTRUSTED_ARTIFACT + ": ")
                    .contains(foreignUrl)
                    .contains(registry.baseUrl());
            assertThat(rejection.service()).isEqualTo("inference-service");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> logged.stream()
                            .anyMatch(line -> line.contains("Refused model event") && line.contains(foreignUrl)));

            publishImages("after-forged-", 0, 10);
            assertThat(awaitPredictions("after-forged-", 10))
                    .extracting(Prediction::modelId)
                    .containsOnly(modelB.modelId());
            given().get("/model").then().statusCode(200).body("modelId", equalTo(modelB.modelId()));
            assertThat(foreignRequests)
                    .as("nothing was fetched from the forged URL")
                    .hasValue(0);
        } finally {
            log.removeHandler(capture);
            foreign.stop(0);
        }
    }

    @Test
    @Order(7)
    void standardEndpointsReportTheServiceAndItsMeters() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model-registry-follower' }.status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'model-registry' }.data.model", equalTo(modelB.modelId()));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("fmnist_inference_images_total{outcome=\"predicted\",source=\"kafka\"}")
                .contains("fmnist_inference_images_total{outcome=\"rejected\",source=\"kafka\"}")
                .contains("fmnist_inference_batch_size_records_bucket")
                .contains("fmnist_inference_latency_seconds_bucket")
                .contains("fmnist_inference_forward_seconds_bucket");
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString())
                .contains("/predict")
                .contains("/model");
    }

    /**
     * Waits for {@code count} predictions whose id starts with {@code prefix}, then checks for a while that no
     * more arrive: each image exactly once.
     */
    @Test
    @Order(8)
    void aPcaTreeReplacesTheNetworkInProductionAndItsPredictionsFlowWithProbabilities() {
        TrainedModels.Trained tree = TrainedModels.tree();
        registry.register(tree, ModelStatus.REGISTERED);
        broker.sendJson(Topics.MODELS, tree.modelId(), tree.event(ModelStatus.REGISTERED, registry));
        registry.promote(tree.modelId());
        broker.sendJson(Topics.MODELS, tree.modelId(), tree.event(ModelStatus.PRODUCTION, registry));
        broker.sendJson(Topics.MODELS, modelB.modelId(), modelB.event(ModelStatus.ARCHIVED, registry));
        await().atMost(PATIENCE)
                .until(() -> tree.modelId()
                        .equals(given().get("/model").then().extract().path("modelId")));

        publishImages("tree-", 0, 20);

        List<Prediction> predicted = awaitPredictions("tree-", 20);
        double[][] expected =
                tree.bundle().classifier().predictProbabilities(images.images().subList(0, 20));
        assertThat(predicted).allSatisfy(p -> {
            int index = Integer.parseInt(p.id().substring("tree-".length()));
            assertThat(p.modelId()).isEqualTo(tree.modelId());
            assertThat(p.modelVersion()).isEqualTo(3);
            assertThat(p.probabilities())
                    .containsExactly(expected[index], org.assertj.core.api.Assertions.within(1e-6));
            assertThat(java.util.Arrays.stream(p.probabilities()).sum())
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(p.label()).isEqualTo(dev.fmnist.ml.Classifier.argMax(expected[index]));
        });
        given().get("/model").then().statusCode(200).body("architecture", equalTo("pca-tree"));
    }

    private static List<Prediction> awaitPredictions(String prefix, int count) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Broker.countByKey(predictions, prefix).size() >= count);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() ->
                        Broker.values(predictions, Prediction.class, prefix).size() == count);
        List<Prediction> predicted = Broker.values(predictions, Prediction.class, prefix);
        assertThat(predicted).hasSize(count);
        assertThat(predicted).extracting(Prediction::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith(prefix));
        assertThat(Broker.countByKey(predictions, prefix))
                .allSatisfy((key, n) -> assertThat(n).isEqualTo(1L));
        return predicted;
    }

    private static Set<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    private static void publishImages(String prefix, int from, int to) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i % images.size();
            records.add(new ProducerRecord<>(
                    Topics.IMAGES_INPUT,
                    prefix + i,
                    JsonCodec.toBytes(
                            InputImage.ofPixels(prefix + i, images.images().get(index), images.labels()[index]))));
        }
        broker.send(records);
    }

    private static byte[] json(String id, byte[] pixels, Integer label) {
        return JsonCodec.toBytes(InputImage.ofPixels(id, pixels, label));
    }

    private static byte[] hugeRecord() {
        String padding = "x".repeat(300 * 1024);
        return ("{\"id\":\"huge\",\"pixels\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
