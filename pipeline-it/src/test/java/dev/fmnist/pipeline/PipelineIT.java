package dev.fmnist.pipeline;

import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.cli.client.ServiceCallException;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.client.TopicFollower;
import dev.fmnist.cli.demo.DemoResult;
import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.launcher.OperatorKeys;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Ingest → train → promote → replay → evaluate, through the real broker, the real database and the four packaged
 * services, on the 1,600 + 500 real Fashion-MNIST images of the test fixture.
 */
class PipelineIT {

    private static final String DATASET = RunningPipeline.DATASET;
    private static final int TEST_IMAGES = Fixtures.MINI_TEST_COUNT;

    private static RunningPipeline pipeline;
    private static FmnistPlatform platform;
    private static RunningServices services;
    private static DemoResult result;
    private static Path data;

    @BeforeAll
    static void runThePipeline() throws Exception {
        pipeline = RunningPipeline.start("pipeline-it-mlp");
        platform = pipeline.platform();
        services = pipeline.services();
        result = pipeline.result();
        data = pipeline.data();
    }

    @AfterAll
    static void stopEverything() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyReplayedImageHasExactlyOnePredictionFromTheProductionModel() {
        Map<String, List<Prediction>> byId = predictionsOfTheModel();

        Set<String> replayed = replayedIds();
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(replayed);
        assertThat(byId.values())
                .allSatisfy(predictions -> assertThat(predictions).hasSize(1));
        assertThat(byId.values()).allSatisfy(predictions -> {
            Prediction p = predictions.get(0);
            assertThat(p.trueLabel()).isNotNull();
            assertThat(p.probabilities()).hasSize(10);
            assertThat(Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-4));
        });
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void finalEvaluationMatchesAnIndependentRecomputationFromThePredictionsTopic() {
        PredictionOracle oracle = new PredictionOracle(predictionsOfTheModel().values().stream()
                .map(list -> list.get(0))
                .toList());
        Evaluation evaluation = result.evaluation();

        assertThat(evaluation.modelId()).isEqualTo(result.modelId());
        assertThat(evaluation.count()).isEqualTo(TEST_IMAGES);
        assertThat(cells(evaluation.confusionMatrix())).isEqualTo(TEST_IMAGES);
        assertThat(evaluation.confusionMatrix()).isDeepEqualTo(oracle.matrix());
        assertThat(evaluation.accuracy()).isCloseTo(oracle.accuracy(), within(1e-12));
        for (ClassMetrics metrics : evaluation.perClass()) {
            assertThat(metrics.f1())
                    .as("F1 of class %d", metrics.label())
                    .isCloseTo(oracle.f1(metrics.label()), within(1e-12));
        }
        // a small MLP on 1,600 images is far better than chance (10%); measured ≈ 0.75
        assertThat(evaluation.accuracy()).isGreaterThan(0.6);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theEvaluationTopicCarriesTheCompleteCount() {
        try (TopicFollower<Evaluation> evaluations =
                TopicFollower.evaluations(platform.bootstrapServers(), TopicFollower.Start.BEGINNING)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                found = !evaluations
                        .poll(
                                Duration.ofSeconds(2),
                                e -> e.modelId().equals(result.modelId()) && e.count() == TEST_IMAGES)
                        .isEmpty();
            }
            assertThat(found)
                    .as(
                            "an Evaluation of %s counting %d images on %s",
                            result.modelId(), TEST_IMAGES, Topics.EVALUATIONS)
                    .isTrue();
        }
    }

    @Test
    void theRegistryHoldsTheTrainedModelInProduction() {
        ModelEntry entry = ServiceUrls.of(services)
                .trainingClient()
                .model(result.modelId())
                .orElseThrow();

        assertThat(result.trained()).isTrue();
        assertThat(entry.model().status()).isEqualTo(ModelStatus.PRODUCTION);
        assertThat(entry.model().architecture()).isEqualTo("mlp");
        assertThat(ServiceUrls.of(services).inferenceClient().serving())
                .hasValueSatisfying(serving -> assertThat(serving.modelId()).isEqualTo(result.modelId()));
    }

    @Test
    void thePackagedServicesRefuseMutationsWithoutTheRunsOperatorToken() throws Exception {
        ServiceUrls endpoints = ServiceUrls.of(services);
        ServiceUrls anonymous = new ServiceUrls(
                endpoints.ingest(), endpoints.training(), endpoints.inference(), endpoints.evaluation());
        ServiceUrls forged = anonymous.withOperator(
                TokenSource.signedBy(OperatorKeys.ensure(Files.createTempDirectory(data, "other-keys-")), "intruder"));

        for (ServiceUrls caller : List.of(anonymous, forged)) {
            assertThatThrownBy(() -> caller.trainingClient().rollback())
                    .isInstanceOfSatisfying(
                            ServiceCallException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() -> caller.ingestClient().replay(result.datasetId(), "test", null, 5))
                    .isInstanceOfSatisfying(
                            ServiceCallException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
        }
        // nothing changed: the trained model is still in production, reads need no token
        assertThat(anonymous
                        .trainingClient()
                        .model(result.modelId())
                        .orElseThrow()
                        .model()
                        .status())
                .isEqualTo(ModelStatus.PRODUCTION);
        assertThat(Files.getPosixFilePermissions(data.resolve("keys/jwt-private.pem")))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    private static Set<String> replayedIds() {
        return IntStream.range(0, TEST_IMAGES)
                .mapToObj(i -> String.format("%s/test/%05d", DATASET, i))
                .collect(Collectors.toSet());
    }

    private static Map<String, List<Prediction>> predictionsOfTheModel() {
        Map<String, List<Prediction>> byId = new HashMap<>();
        try (TopicFollower<Prediction> predictions = new TopicFollower<>(
                platform.bootstrapServers(), Topics.PREDICTIONS, Prediction.class, TopicFollower.Start.BEGINNING)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && idle < 3) {
                List<Prediction> batch =
                        predictions.poll(Duration.ofSeconds(2), p -> p.modelId().equals(result.modelId()));
                idle = batch.isEmpty() ? idle + 1 : 0;
                batch.forEach(p ->
                        byId.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(p));
            }
        }
        return byId;
    }

    private static long cells(long[][] matrix) {
        return Arrays.stream(matrix).flatMapToLong(Arrays::stream).sum();
    }
}
