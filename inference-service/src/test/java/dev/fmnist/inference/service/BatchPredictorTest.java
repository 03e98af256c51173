package dev.fmnist.inference.service;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.testing.HostileImages;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.support.TrainedModels;
import dev.fmnist.ml.training.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class BatchPredictorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static ServingModel model;
    private static TrainingData images;
    private final BatchPredictor predictor =
            new BatchPredictor(new InputImageValidator("inference-service", 4096), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void model() {
        model = TrainedModels.first().serving();
        images = TrainedModels.testImages();
    }

    @Test
    void everyFixtureImageGetsOneValidPredictionAndTheTrainedModelIsMostlyRight() {
        List<InputRecord> records = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            records.add(record(
                    "img-" + i,
                    JsonCodec.toBytes(
                            InputImage.ofPixels("img-" + i, images.images().get(i), images.labels()[i])),
                    NOW.minusMillis(250)));
        }

        BatchOutcome outcome = predictor.predict(records, model);

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.predictions()).hasSize(500);
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            Prediction prediction = outcome.predictions().get(i);
            assertThat(prediction.problem()).isNull();
            assertThat(prediction.id()).isEqualTo("img-" + i);
            assertThat(prediction.modelId()).isEqualTo(model.modelId());
            assertThat(prediction.modelVersion()).isEqualTo(model.version());
            assertThat(prediction.trueLabel()).isEqualTo(images.labels()[i]);
            assertThat(prediction.className()).isEqualTo(FashionLabels.name(prediction.label()));
            assertThat(Arrays.stream(prediction.probabilities()).sum()).isCloseTo(1.0, within(1e-4));
            assertThat(Arrays.stream(prediction.probabilities()).allMatch(p -> p >= 0 && p <= 1))
                    .isTrue();
            assertThat(prediction.latencyMs()).isEqualTo(250.0);
            assertThat(prediction.timestamp()).isEqualTo(NOW);
            correct += prediction.label() == images.labels()[i] ? 1 : 0;
        }
        assertThat(correct / 500.0).as("accuracy on the fixture's test images").isGreaterThan(0.6);
    }

    @Test
    void poisonRecordsAreRejectedWithTheirRuleWhileTheRestOfTheBatchIsPredicted() {
        byte[] good = images.images().get(0);
        List<InputRecord> records = List.of(
                record("good-1", json("good-1", good), NOW),
                record("bad-json", "{\"id\": \"x\", \"pixels\": ".getBytes(StandardCharsets.UTF_8), NOW),
                record("wrong-size", JsonCodec.toBytes(InputImage.ofPixels("w", new byte[100], null)), NOW),
                record(
                        "bad-base64",
                        "{\"id\":\"b\",\"pixels\":\"@@not base64@@\"}".getBytes(StandardCharsets.UTF_8),
                        NOW),
                record(
                        "corrupt-png",
                        JsonCodec.toBytes(new InputImage(
                                "c",
                                null,
                                Base64.getEncoder().encodeToString(Arrays.copyOf(GreyImageEncoder.toPng(good), 40)),
                                null,
                                null,
                                null)),
                        NOW),
                record("huge", new byte[5000], NOW),
                record("tombstone", null, NOW),
                record("good-2", json("good-2", images.images().get(1)), NOW));

        BatchOutcome outcome = predictor.predict(records, model);

        assertThat(outcome.predictions()).extracting(Prediction::id).containsExactly("good-1", "good-2");
        assertThat(outcome.rejections())
                .extracting(Rejection::key, r -> r.reason().split(":")[0])
                .containsExactly(
                        tuple("bad-json", "invalid-json"),
                        tuple("wrong-size", "invalid-pixels"),
                        tuple("bad-base64", "invalid-pixels"),
                        tuple("corrupt-png", "invalid-png"),
                        tuple("huge", "record-too-large"),
                        tuple("tombstone", "not-an-object"));
        assertThat(outcome.rejections()).allSatisfy(rejection -> {
            assertThat(rejection.topic()).isEqualTo(Topics.IMAGES_INPUT);
            assertThat(rejection.service()).isEqualTo("inference-service");
        });
    }

    @Test
    void hostileButWellFormedRecordsAreRefusedCheaplyWithTheirRule() {
        byte[] good = images.images().get(0);
        String pixels = Base64.getEncoder().encodeToString(good);
        String bomb = Base64.getEncoder().encodeToString(HostileImages.pngDeclaring(20000, 20000));
        List<InputRecord> records = List.of(
                record(
                        "bomb",
                        ("{\"id\":\"bomb\",\"png\":\"" + bomb + "\",\"label\":1}").getBytes(StandardCharsets.UTF_8),
                        NOW),
                record(
                        "nul",
                        ("{\"id\":\"a\\u0000b\",\"pixels\":\"" + pixels + "\"}").getBytes(StandardCharsets.UTF_8),
                        NOW),
                record(
                        "twice",
                        ("{\"id\":\"t\",\"label\":1,\"label\":2,\"pixels\":\"" + pixels + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        NOW),
                record(
                        "trailing",
                        ("{\"id\":\"tr\",\"pixels\":\"" + pixels + "\"} {}").getBytes(StandardCharsets.UTF_8),
                        NOW),
                record(
                        "emoji",
                        ("{\"id\":\"" + "\uD83D\uDC5F".repeat(128) + "\",\"pixels\":\"" + pixels + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        NOW));
        long heapBefore = usedHeap();

        BatchOutcome outcome = predictor.predict(records, model);

        assertThat(outcome.predictions()).extracting(Prediction::id).containsExactly("\uD83D\uDC5F".repeat(128));
        assertThat(outcome.rejections())
                .extracting(Rejection::key, r -> r.reason().split(":")[0])
                .containsExactly(
                        tuple("bomb", "invalid-png"),
                        tuple("nul", "invalid-id"),
                        tuple("twice", "invalid-json"),
                        tuple("trailing", "invalid-json"));
        assertThat(outcome.rejections().get(0).reason()).contains("20000x20000");
        assertThat(usedHeap() - heapBefore)
                .as("the 400 MB the bomb declares are never allocated")
                .isLessThan(100L * 1024 * 1024);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void aPngOfTheImageGetsExactlyThePredictionOfItsRawPixels() {
        byte[] pixels = images.images().get(7);
        byte[] png = GreyImageEncoder.toPng(pixels);
        List<InputRecord> records = List.of(
                record("raw", json("raw", pixels), NOW),
                record(
                        "png",
                        JsonCodec.toBytes(
                                new InputImage("png", null, Base64.getEncoder().encodeToString(png), null, null, null)),
                        NOW));

        BatchOutcome outcome = predictor.predict(records, model);

        assertThat(outcome.predictions()).hasSize(2);
        assertThat(outcome.predictions().get(1).probabilities())
                .containsExactly(outcome.predictions().get(0).probabilities());
    }

    @Test
    void eachShadowScoresTheAcceptedImagesAndOneThatFailsLosesOnlyItsOwnPredictions() {
        List<InputRecord> records = List.of(
                record(
                        "s-0",
                        JsonCodec.toBytes(
                                InputImage.ofPixels("s-0", images.images().get(0), images.labels()[0])),
                        NOW),
                record("s-bad", "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8), NOW),
                record("s-1", json("s-1", images.images().get(1)), NOW));
        ServingModel shadow = TrainedModels.second().serving();
        ServingModel broken = new ServingModel("broken-v9", "fashion", 9, "mlp", "00", null, NOW);

        BatchOutcome production = predictor.predict(records, model);
        List<ShadowResult> scored = predictor.shadow(production, List.of(broken, shadow));

        assertThat(production.predictions()).extracting(Prediction::role).containsOnly(Prediction.PRODUCTION);
        assertThat(production.predictions()).extracting(Prediction::id).containsExactly("s-0", "s-1");
        assertThat(scored).hasSize(2);
        assertThat(scored.get(0).succeeded()).isFalse();
        assertThat(scored.get(0).predictions()).isEmpty();
        ShadowResult good = scored.get(1);
        assertThat(good.succeeded()).isTrue();
        assertThat(good.predictions()).extracting(Prediction::id).containsExactly("s-0", "s-1");
        assertThat(good.predictions()).allSatisfy(p -> {
            assertThat(p.role()).isEqualTo(Prediction.SHADOW);
            assertThat(p.modelId()).isEqualTo(shadow.modelId());
            assertThat(p.problem()).isNull();
        });
        assertThat(good.predictions().get(0).trueLabel()).isEqualTo(images.labels()[0]);
        assertThat(good.predictions().get(1).trueLabel()).isNull();
        double[][] expected =
                shadow.classifier().predictProbabilities(images.images().subList(0, 2));
        assertThat(good.predictions().get(0).probabilities()).containsExactly(expected[0], within(1e-9));
        assertThat(good.predictions().get(1).probabilities()).containsExactly(expected[1], within(1e-9));
        assertThat(production.predictions().get(0).probabilities())
                .as("production is what the production model says, whatever the shadows do")
                .containsExactly(
                        model.classifier().predictProbabilities(images.images().subList(0, 1))[0], within(1e-9));
    }

    private static byte[] json(String id, byte[] pixels) {
        return JsonCodec.toBytes(InputImage.ofPixels(id, pixels, null));
    }

    private static InputRecord record(String key, byte[] value, Instant arrivedAt) {
        return new InputRecord(Topics.IMAGES_INPUT, key, value, arrivedAt);
    }
}
