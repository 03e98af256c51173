package dev.fmnist.pipeline;

import dev.fmnist.cli.FmnistCli;
import dev.fmnist.cli.auth.TokenSource;
import dev.fmnist.cli.client.ServiceCallException;
import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.client.TopicFollower;
import dev.fmnist.cli.demo.DemoResult;
import dev.fmnist.contracts.ClassMetrics;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.SearchView;
import dev.fmnist.launcher.OperatorKeys;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.launcher.ServiceProcess;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    /** The instance id of the second training-service replica of the search test. */
    private static final String SECOND_TRAINING = "training-2";

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

    /**
     * A 2×2 grid × 3 folds, submitted and watched with the real {@code fmnist search} (its own JVM, as a user runs it),
     * while a second training-service instance shares the jobs' consumer group: both instances take fold jobs, the
     * table has 4 trials of 3 fold scores each with their mean and sd, the best one is retrained and registered.
     * Runs last: its final model may pass the promotion gate and replace the demo's production model.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aSearchSpreadsItsFoldJobsOverTwoTrainingReplicasAndRegistersTheBestConfiguration() throws Exception {
        long started = System.nanoTime();
        ServiceProcess replica = services.startReplica(PipelineService.TRAINING, SECOND_TRAINING);
        Map<String, Set<Integer>> owners = ConsumerGroupMembers.awaitMembersOwningPartitions(
                platform.bootstrapServers(), "fmnist-training", Topics.TRAINING_JOBS, 2, Duration.ofMinutes(2));
        System.out.println("training replicas up in " + seconds(started) + " s, jobs partitions: " + owners);
        String training = ServiceUrls.of(services).training();
        String token =
                TokenSource.signedBy(services.keys(), "pipeline-it").token().orElseThrow();

        CliProcess search = CliProcess.run(
                Map.of(TokenSource.ENV, token),
                Duration.ofMinutes(9),
                "search",
                "--dataset",
                DATASET,
                "--architecture",
                "mlp",
                "--epochs",
                "1",
                "--folds",
                "3",
                "--grid",
                "learningRate=0.001,0.01",
                "--grid",
                "hiddenLayers=[16];[32]",
                "--seed",
                "11",
                "--name",
                "pipeline-it-search",
                "--training-url",
                training,
                "--timeout",
                "PT8M");
        System.out.println("fmnist search ended in " + seconds(started) + " s:\n" + search.out() + search.err());

        assertThat(search.status()).as(search.out() + search.err()).isZero();
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("^Search (\\S+): 4 configurations")
                .matcher(search.out());
        assertThat(first.find()).as(search.out()).isTrue();
        String searchId = first.group(1);
        SearchView view =
                ServiceUrls.of(services).trainingClient().search(searchId).orElseThrow();
        assertThat(view.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(view.trialsTotal()).isEqualTo(4);
        assertThat(view.trialsDone()).isEqualTo(4);
        assertThat(view.trials()).hasSize(4).allSatisfy(trial -> {
            assertThat(trial.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(trial.folds()).hasSize(3).allSatisfy(fold -> {
                assertThat(fold.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(fold.score()).isBetween(0.0, 1.0);
            });
            double[] scores =
                    trial.folds().stream().mapToDouble(SearchView.Fold::score).toArray();
            double mean = Arrays.stream(scores).average().orElseThrow();
            double sd = Math.sqrt(
                    Arrays.stream(scores).map(x -> (x - mean) * (x - mean)).sum() / (scores.length - 1));
            assertThat(trial.mean()).isCloseTo(mean, within(1e-9));
            assertThat(trial.sd()).isCloseTo(sd, within(1e-9));
        });
        assertThat(view.trials().stream().map(SearchView.Trial::config).toList())
                .as("every configuration of the grid once")
                .containsExactlyInAnyOrder(
                        Map.of("learningRate", 0.001, "hiddenLayers", List.of(16)),
                        Map.of("learningRate", 0.001, "hiddenLayers", List.of(32)),
                        Map.of("learningRate", 0.01, "hiddenLayers", List.of(16)),
                        Map.of("learningRate", 0.01, "hiddenLayers", List.of(32)));
        assertThat(view.trials().stream()
                        .flatMap(t -> t.folds().stream())
                        .map(SearchView.Fold::instance)
                        .collect(Collectors.toSet()))
                .as("both replicas took fold jobs (partitions: %s)", owners)
                .containsExactlyInAnyOrder("training-1", SECOND_TRAINING);

        SearchView.Trial best = view.trials().stream()
                .filter(t -> t.trial() == view.best().trial())
                .findFirst()
                .orElseThrow();
        double highest =
                view.trials().stream().mapToDouble(SearchView.Trial::mean).max().orElseThrow();
        assertThat(best.mean()).isEqualTo(highest);
        assertThat(view.best().mean()).isEqualTo(highest);
        assertThat(view.finalJobId()).isEqualTo(searchId + ".best");
        var finalJob =
                ServiceUrls.of(services).trainingClient().job(view.finalJobId()).orElseThrow();
        assertThat(finalJob.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(finalJob.modelId()).isEqualTo(view.modelId());
        ModelVersion model = ServiceUrls.of(services).trainingClient().models(null).stream()
                .filter(m -> m.modelId().equals(view.modelId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("GET /models lists no " + view.modelId()));
        assertThat(model.architecture()).isEqualTo("mlp");
        assertThat(((Number) model.hyperParameters().get("learningRate")).doubleValue())
                .isEqualTo(((Number) best.config().get("learningRate")).doubleValue());
        assertThat(model.hyperParameters().get("hiddenLayers"))
                .isEqualTo(best.config().get("hiddenLayers"));

        // what the user watched: a line per trial, the best and its model; and the table, printed once
        assertThat(search.out().lines().filter(line -> line.matches("trial [1-4]/4  .*  folds .*")))
                .hasSize(4);
        assertThat(search.out())
                .contains("Best: trial " + view.best().trial() + "  ")
                .contains("Final job " + view.finalJobId())
                .contains("model " + view.modelId());
        java.io.StringWriter shown = new java.io.StringWriter();
        picocli.CommandLine show = FmnistCli.commandLine();
        show.setOut(new java.io.PrintWriter(shown, true));
        assertThat(show.execute("search", "show", searchId, "--training-url", training))
                .isZero();
        assertThat(shown.toString().lines().filter(line -> line.matches("  [1-4]( \\*)?  .*")))
                .as(shown.toString())
                .hasSize(4);
        System.out.println("search test took " + seconds(started) + " s (replica " + replica.baseUrl() + ")");
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
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
