package dev.fmnist.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.DatasetReady;
import dev.fmnist.contracts.DatasetSplit;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.RecentMetrics;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.SearchSpec;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.TrialRef;
import dev.fmnist.contracts.TrialScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRoundTripTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:30.123Z");

    static Stream<Object> messages() {
        long[][] matrix = new long[10][10];
        matrix[7][7] = 3;
        matrix[7][5] = 1;
        return Stream.of(
                InputImage.ofPixels("img-1", new byte[784], 3),
                new Prediction(
                        "img-1", "m-1", 3, 7, "Sneaker", new double[] {0, 0, 0, 0, 0, 0.1, 0, 0.9, 0, 0}, 7, 4.2, T),
                new Evaluation(
                        "m-1",
                        3,
                        4,
                        0.75,
                        0.1,
                        0.7,
                        FashionLabels.NAMES,
                        matrix,
                        List.of(new ClassMetrics(7, "Sneaker", 1.0, 0.75, 0.857, 4)),
                        new TimeWindow(T, T),
                        T,
                        new RecentMetrics(1000, 4, 0.75, 0.1, matrix, new TimeWindow(T, T))),
                new Prediction(
                                "img-1",
                                "m-2",
                                1,
                                5,
                                "Sandal",
                                new double[] {0, 0, 0, 0, 0, 0.9, 0, 0.1, 0, 0},
                                7,
                                4.2,
                                T)
                        .withRole(Prediction.SHADOW),
                new Evaluation(
                                "m-2",
                                1,
                                4,
                                0.75,
                                0.1,
                                0.7,
                                FashionLabels.NAMES,
                                matrix,
                                List.of(new ClassMetrics(7, "Sneaker", 1.0, 0.75, 0.857, 4)),
                                new TimeWindow(T, T),
                                T,
                                null)
                        .withComparison(new Comparison(
                                "m-1",
                                3,
                                4,
                                2,
                                0,
                                1,
                                1,
                                0.5,
                                0.75,
                                0.25,
                                -0.2,
                                0.7,
                                0.95,
                                1.0,
                                new double[10],
                                0.05,
                                Comparison.INSUFFICIENT)),
                new Alert(
                        "a-1",
                        Alert.QUALITY_DROP,
                        Alert.RAISED,
                        "m-1",
                        3,
                        "window accuracy 0.70 < cumulative 0.90 - 0.05 (binomial p = 1e-9, n = 1000)",
                        Map.of("windowAccuracy", 0.7, "p", 1e-9),
                        new TimeWindow(T, T),
                        T),
                new Rejection(Topics.IMAGES_INPUT, "k", "invalid-id: 'id' is missing", "{}", T, "inference-service"),
                new DatasetReady(
                        "fashion-mnist@abc",
                        "fashion-mnist",
                        "abc",
                        "/data",
                        "idx",
                        List.of(new DatasetSplit(
                                "train",
                                "fmnist.datasets.fashion-mnist.train",
                                60000,
                                new long[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                                "def",
                                0)),
                        T),
                new TrainingJob(
                        "job-1",
                        "fashion-mnist",
                        "mlp",
                        5,
                        128,
                        0.001,
                        42L,
                        "fmnist-mlp",
                        Map.of("hiddenLayers", List.of(256, 128), "activation", "relu"),
                        T),
                new TrainingJob(
                        "s1",
                        "fashion-mnist",
                        "mlp",
                        2,
                        128,
                        0.001,
                        42L,
                        "fmnist-mlp",
                        Map.of(),
                        T,
                        TrainingJob.SEARCH,
                        new SearchSpec(
                                Map.of("learningRate", List.of(0.001, 0.003), "hiddenLayers", List.of(List.of(128))),
                                3,
                                null,
                                "accuracy"),
                        null),
                new TrainingJob(
                        "s1.t02.f1",
                        "fashion-mnist",
                        "mlp",
                        2,
                        128,
                        0.003,
                        42L,
                        "fmnist-mlp",
                        Map.of("hiddenLayers", List.of(128)),
                        T,
                        null,
                        null,
                        new TrialRef("s1", 2, 1, 3)),
                new TrainingProgress(
                        "s1",
                        JobStatus.RUNNING,
                        0,
                        2,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "trial 2/4: accuracy 0.8412 ± 0.0100",
                        T,
                        new TrialScore(
                                2, Map.of("learningRate", 0.003), List.of(0.83, 0.85, 0.84), 0.84, 0.01, "accuracy")),
                new TrainingProgress(
                        "job-1",
                        JobStatus.RUNNING,
                        2,
                        5,
                        null,
                        430,
                        0.41,
                        0.86,
                        0.85,
                        9000.0,
                        12.5,
                        18.0,
                        null,
                        null,
                        T),
                new ModelEvent(
                        "m-1",
                        "fmnist-mlp",
                        3,
                        "mlp",
                        ModelStatus.PRODUCTION,
                        ModelStatus.REGISTERED,
                        Map.of("testAccuracy", 0.88),
                        "fashion-mnist@abc",
                        "job-1",
                        "00ff",
                        "http://localhost:8082/models/m-1/artifact",
                        "beats production",
                        T),
                new ModelEvent(
                        "m-2",
                        "fmnist-mlp",
                        4,
                        "mlp",
                        ModelStatus.SHADOW,
                        ModelStatus.REGISTERED,
                        Map.of("testAccuracy", 0.89),
                        "fashion-mnist@abc",
                        "job-2",
                        "00ff",
                        "http://localhost:8082/models/m-2/artifact",
                        "challenger",
                        T,
                        new InputProfile(2, new double[10], new double[16], new double[10], 72.9, 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyMessageSurvivesAJsonRoundTrip(Object message) {
        byte[] json = JsonCodec.toBytes(message);

        Object back = JsonCodec.fromBytes(json, message.getClass());

        assertThat(back).usingRecursiveComparison().isEqualTo(message);
    }

    @Test
    void timestampsAreIso8601AndNullsAreLeftOut() throws IOException {
        Prediction unlabelled = new Prediction("img-1", "m-1", 3, 7, "Sneaker", new double[10], null, 1.5, T);

        JsonNode json = JsonCodec.mapper().readTree(JsonCodec.toBytes(unlabelled));

        assertThat(json.get("timestamp").textValue()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(json.has("trueLabel")).isFalse();
        assertThat(json.get("probabilities").isArray()).isTrue();
    }

    @Test
    void contractExampleOfAPredictionDecodes() {
        String json =
                "{\"id\": \"a\", \"modelId\": \"m\", \"modelVersion\": 3, \"label\": 7, \"className\": \"Sneaker\","
                        + " \"probabilities\": [0,0,0,0,0,0,0,1,0,0], \"trueLabel\": 7, \"latencyMs\": 4.2,"
                        + " \"timestamp\": \"2026-11-23T10:15:30Z\", \"someFutureField\": [1, 2]}";

        Prediction prediction = JsonCodec.fromJson(json, Prediction.class);

        assertThat(prediction.label()).isEqualTo(7);
        assertThat(prediction.trueLabel()).isEqualTo(7);
        assertThat(prediction.timestamp()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(prediction.role()).as("older producers send no role").isNull();
    }

    @Test
    void aShadowPredictionSaysSoAndAnUnknownRoleIsRefused() throws IOException {
        Prediction shadow = new Prediction("a", "m", 1, 7, "Sneaker", new double[10], null, 1, T).withRole("shadow");

        JsonNode json = JsonCodec.mapper().readTree(JsonCodec.toBytes(shadow));

        assertThat(json.get("role").textValue()).isEqualTo("shadow");
        assertThat(shadow.withRole("champion").problem()).contains("role");
        assertThat(shadow.withRole(null).problem()).isNull();
    }

    @Test
    void aJobWithoutKindIsATrainingJobAndWritesNoSearchFields() throws IOException {
        TrainingJob job = new TrainingJob("j", "d", "mlp", 1, null, null, null, null, null, null);

        JsonNode json = JsonCodec.mapper().readTree(JsonCodec.toBytes(job));

        assertThat(job.searchKind()).isFalse();
        assertThat(json.has("kind")).isFalse();
        assertThat(json.has("search")).isFalse();
        assertThat(json.has("trial")).isFalse();
        assertThat(json.has("searchKind")).as("helpers are not properties").isFalse();
    }

    @Test
    void theSpecsExampleSearchDecodesWithItsDefaults() {
        String json = "{\"jobId\": \"s1\", \"dataset\": \"fashion-mnist\", \"architecture\": \"mlp\","
                + " \"epochs\": 2, \"kind\": \"search\", \"search\": {\"grid\": {\"learningRate\": [0.001, 0.003],"
                + " \"hiddenLayers\": [[128], [256, 128]]}, \"trials\": null}}";

        TrainingJob job = JsonCodec.fromJson(json, TrainingJob.class);

        assertThat(job.problem()).isNull();
        assertThat(job.searchKind()).isTrue();
        assertThat(job.search().foldCount()).isEqualTo(3);
        assertThat(job.search().metricName()).isEqualTo("accuracy");
        assertThat(job.search().gridSize()).isEqualTo(4);
        assertThat(job.search().grid().get("hiddenLayers")).containsExactly(List.of(128), List.of(256, 128));
    }

    @Test
    void serializerWritesTheSameJsonAsTheCodec() {
        Rejection rejection = new Rejection("t", "k", "r", "p", T, "s");

        try (ContractSerializer serializer = new ContractSerializer()) {
            assertThat(serializer.serialize("t", rejection)).isEqualTo(JsonCodec.toBytes(rejection));
            assertThat(serializer.serialize("t", null)).isNull();
        }
    }
}
