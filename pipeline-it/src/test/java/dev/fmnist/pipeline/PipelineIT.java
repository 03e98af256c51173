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

    /** Paired images the comparison needs before it decides (the test sets it to the challenge stream's size). */
    private static final int CHALLENGE_IMAGES = 500;

    private static TopicRecorder recorder;

    @BeforeAll
    static void runThePipeline() throws Exception {
        pipeline = RunningPipeline.start(
                "pipeline-it-mlp",
                settings -> settings.withEnvironment(
                                PipelineService.EVALUATION, "FMNIST_EVALUATION_AUTO_PROMOTE", "true")
                        .withEnvironment(
                                PipelineService.EVALUATION,
                                "FMNIST_EVALUATION_PROMOTION_MIN_PAIRED",
                                Integer.toString(CHALLENGE_IMAGES))
                        // each of two evaluation replicas sees about half of the 1,000 inverted images
                        .withEnvironment(PipelineService.EVALUATION, "FMNIST_EVALUATION_ALERTS_DRIFT_WINDOW", "300"));
        platform = pipeline.platform();
        services = pipeline.services();
        result = pipeline.result();
        data = pipeline.data();
    }

    @AfterAll
    static void stopEverything() {
        if (recorder != null) {
            recorder.close();
        }
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
     * Two replicas of inference-service and of evaluation-service share the stream's partitions. Mid-stream one
     * inference replica is stopped gracefully (SIGTERM, as a rolling restart does) and the first evaluation instance,
     * the emitter, is killed outright: every image still gets exactly one production prediction, and the published
     * figures equal an independent recomputation from the whole predictions topic.
     */
    @Test
    @Order(Integer.MAX_VALUE - 3)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void twoReplicasOfEachStreamServiceGiveTheAnswersOneGives() throws Exception {
        long started = System.nanoTime();
        services.startReplica(PipelineService.INFERENCE, "inference-2");
        services.startReplica(PipelineService.EVALUATION, "evaluation-2");
        Map<String, Set<Integer>> inference = ConsumerGroupMembers.awaitMembersOwningPartitions(
                platform.bootstrapServers(), "inference-service", Topics.IMAGES_INPUT, 2, Duration.ofMinutes(2));
        Map<String, Set<Integer>> evaluation = ConsumerGroupMembers.awaitMembersOwningPartitions(
                platform.bootstrapServers(), "evaluation-service", Topics.PREDICTIONS, 2, Duration.ofMinutes(2));
        System.out.println(
                "replicas up in " + seconds(started) + " s: inference " + inference + ", evaluation " + evaluation);
        recorder();
        List<String> ids = ImageStream.ids("scale", 3_000);
        Thread stopping = null;
        try (ImageStream stream = new ImageStream(platform.bootstrapServers())) {
            for (int wave = 0; wave < 30; wave++) {
                stream.publish(ids, wave * 100, wave * 100 + 100, false);
                if (wave == 8) {
                    stopping = new Thread(() -> services.stopReplica("inference-2"), "stop-inference-2");
                    stopping.start();
                }
                if (wave == 16) {
                    services.kill(PipelineService.EVALUATION);
                }
                Thread.sleep(150);
            }
        }
        stopping.join(60_000);
        System.out.println("stream of 3,000 published in " + seconds(started) + " s");

        Map<String, List<Prediction>> predicted = awaitPredicted("scale-", ids.size(), Duration.ofMinutes(3));
        assertThat(predicted.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(predicted.entrySet())
                .as("a graceful stop and a rebalance repeat no prediction")
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).hasSize(1));
        assertThat(predicted.values())
                .allSatisfy(list -> assertThat(list.get(0).modelId()).isEqualTo(result.modelId()));

        long expected = TEST_IMAGES + ids.size();
        Evaluation last = awaitEvaluation(result.modelId(), e -> e.count() == expected, Duration.ofMinutes(2));
        PredictionOracle oracle = new PredictionOracle(recorder.predictionsOf(result.modelId()).values().stream()
                .map(list -> list.get(0))
                .toList());
        assertThat(last.confusionMatrix())
                .as("the figures equal the single-replica oracle: nothing lost or counted twice")
                .isDeepEqualTo(oracle.matrix());
        assertThat(last.accuracy()).isCloseTo(oracle.accuracy(), within(1e-12));

        services.startAgain(PipelineService.EVALUATION);
        awaitReady(services.baseUrl(PipelineService.EVALUATION), Duration.ofMinutes(2));
        System.out.println("scale-out test took " + seconds(started) + " s");
    }

    /**
     * A weak model is put into production by hand and the demo's better model into shadow with the real
     * {@code fmnist shadow}; on a live stream the challenger's evaluation carries its paired comparison, equal to one
     * recomputed from the two prediction topics, significantly better; evaluation-service promotes it on that
     * evidence (auto-promote is on in this run) and inference serves it, every image predicted once in production.
     */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aBetterChallengerInShadowIsPromotedOnTheLiveEvidence() throws Exception {
        long started = System.nanoTime();
        recorder();
        String challenger = result.modelId();
        var training = ServiceUrls.of(services).trainingClient();
        String weakJob = training.submit(new dev.fmnist.contracts.TrainingJob(
                null, DATASET, "softmax", 1, 256, 0.00001, 5L, "pipeline-it-weak", Map.of(), null));
        String weak = awaitJobModel(weakJob, Duration.ofMinutes(3));
        training.promote(weak, "a weak champion for the challenger test");
        String token =
                TokenSource.signedBy(services.keys(), "pipeline-it").token().orElseThrow();
        CliProcess shadow = CliProcess.run(
                Map.of(TokenSource.ENV, token),
                Duration.ofMinutes(2),
                "shadow",
                challenger,
                "--reason",
                "challenger on live evidence",
                "--training-url",
                ServiceUrls.of(services).training());
        assertThat(shadow.status()).as(shadow.out() + shadow.err()).isZero();
        assertThat(training.model(challenger).orElseThrow().model().status()).isEqualTo(ModelStatus.SHADOW);
        awaitServing(weak, challenger, Duration.ofMinutes(2));

        List<String> ids = ImageStream.ids("challenge", CHALLENGE_IMAGES);
        try (ImageStream stream = new ImageStream(platform.bootstrapServers())) {
            stream.publish(ids, 0, ids.size(), false);
        }
        Evaluation decided = awaitEvaluation(
                challenger,
                e -> e.comparison() != null && e.comparison().pairedImages() == CHALLENGE_IMAGES,
                Duration.ofMinutes(2));
        Map<String, Prediction> champions = firstOfEach(recorder.predictionsLike("challenge-"));
        Map<String, Prediction> challengers = firstOfEach(recorder.shadowPredictionsOf(challenger));
        assertThat(champions.values()).allSatisfy(p -> assertThat(p.modelId()).isEqualTo(weak));
        PairedOracle oracle = PairedOracle.of(champions, challengers);
        var comparison = decided.comparison();
        System.out.println("comparison: " + comparison + " oracle: " + oracle);
        assertThat(comparison.championId()).isEqualTo(weak);
        assertThat(oracle.paired()).isEqualTo(CHALLENGE_IMAGES);
        assertThat(comparison.bothCorrect()).isEqualTo(oracle.bothCorrect());
        assertThat(comparison.championOnly()).isEqualTo(oracle.championOnly());
        assertThat(comparison.challengerOnly()).isEqualTo(oracle.challengerOnly());
        assertThat(comparison.neitherCorrect()).isEqualTo(oracle.neitherCorrect());
        assertThat(comparison.accuracyDelta())
                .isCloseTo(
                        (oracle.challengerOnly() - oracle.championOnly()) / (double) CHALLENGE_IMAGES, within(1e-12));
        assertThat(comparison.verdict()).isEqualTo("BETTER");
        assertThat(comparison.mcnemarP()).isLessThan(0.01);

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (training.model(challenger).orElseThrow().model().status() != ModelStatus.PRODUCTION
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        ModelEntry promoted = training.model(challenger).orElseThrow();
        assertThat(promoted.model().status())
                .as("auto-promoted on the evidence")
                .isEqualTo(ModelStatus.PRODUCTION);
        System.out.println(
                "promotion: " + promoted.history().get(promoted.history().size() - 1));
        assertThat(training.model(weak).orElseThrow().model().status()).isEqualTo(ModelStatus.ARCHIVED);
        awaitServing(challenger, null, Duration.ofMinutes(2));
        assertThat(recorder.alerts()).anySatisfy(alert -> {
            assertThat(alert.type()).isEqualTo("CHALLENGER_VERDICT");
            assertThat(alert.modelId()).isEqualTo(challenger);
        });

        List<String> after = ImageStream.ids("after-promotion", 100);
        try (ImageStream stream = new ImageStream(platform.bootstrapServers())) {
            stream.publish(after, 0, after.size(), false);
        }
        Map<String, List<Prediction>> afterPredictions =
                awaitPredicted("after-promotion-", after.size(), Duration.ofMinutes(2));
        assertThat(afterPredictions.values()).allSatisfy(list -> {
            assertThat(list).hasSize(1);
            assertThat(list.get(0).modelId()).isEqualTo(challenger);
        });
        assertThat(recorder.predictionsLike("challenge-").values())
                .as("nothing lost, nothing twice: one production prediction per image")
                .hasSize(CHALLENGE_IMAGES)
                .allSatisfy(list -> assertThat(list).hasSize(1));
        System.out.println("challenger test took " + seconds(started) + " s");
    }

    /**
     * The production model's training-set profile is the reference: a stream of ordinary images raises no input-drift
     * alert, the same images inverted do.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aDriftedStreamRaisesAnAlertAndAnOrdinaryOneStaysSilent() throws Exception {
        long started = System.nanoTime();
        recorder();
        String production = ServiceUrls.of(services)
                .trainingClient()
                .production()
                .orElseThrow()
                .modelId();
        List<String> calm = ImageStream.ids("calm", 1_000);
        try (ImageStream stream = new ImageStream(platform.bootstrapServers())) {
            stream.publish(calm, 0, calm.size(), false);
        }
        awaitPredicted("calm-", calm.size(), Duration.ofMinutes(2));
        Thread.sleep(12_000);
        assertThat(recorder.alerts())
                .as("ordinary images: no input drift")
                .noneSatisfy(alert -> assertThat(alert.type()).isEqualTo("INPUT_DRIFT"));

        List<String> drift = ImageStream.ids("inverted", 1_000);
        try (ImageStream stream = new ImageStream(platform.bootstrapServers())) {
            stream.publish(drift, 0, drift.size(), true);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (recorder.alerts().stream()
                        .noneMatch(
                                a -> a.type().equals("INPUT_DRIFT") && a.state().equals("RAISED"))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(recorder.alerts()).as("inverted images: input drift").anySatisfy(alert -> {
            assertThat(alert.type()).isEqualTo("INPUT_DRIFT");
            assertThat(alert.state()).isEqualTo("RAISED");
            assertThat(alert.modelId()).isEqualTo(production);
        });
        System.out.println("alerts: " + recorder.alerts());
        System.out.println("drift test took " + seconds(started) + " s");
    }

    private static synchronized TopicRecorder recorder() {
        if (recorder == null) {
            recorder = new TopicRecorder(platform.bootstrapServers());
        }
        recorder.check();
        return recorder;
    }

    private static Map<String, List<Prediction>> awaitPredicted(String prefix, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<Prediction>> predicted = recorder.predictionsLike(prefix);
        while (predicted.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
            predicted = recorder.predictionsLike(prefix);
        }
        Thread.sleep(2_000); // a repeated prediction would come right behind
        return recorder.predictionsLike(prefix);
    }

    private static Evaluation awaitEvaluation(
            String modelId, java.util.function.Predicate<Evaluation> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            recorder.check();
            for (Evaluation e : recorder.evaluations()) {
                if (e.modelId().equals(modelId) && wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no such evaluation of " + modelId + " within " + timeout + "; the newest: "
                + recorder.newestEvaluation(modelId));
    }

    private static String awaitJobModel(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var job = ServiceUrls.of(services).trainingClient().job(jobId);
            if (job.isPresent()
                    && job.get().status() == JobStatus.COMPLETED
                    && job.get().modelId() != null) {
                return job.get().modelId();
            }
            assertThat(job.map(j -> j.status()).orElse(JobStatus.QUEUED)).isNotIn(JobStatus.FAILED);
            Thread.sleep(1_000);
        }
        throw new AssertionError("job " + jobId + " registered no model within " + timeout);
    }

    /** Waits until GET /model of the (first) inference instance names the production model and the shadow. */
    private static void awaitServing(String production, String shadow, Duration timeout) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(services.baseUrl(PipelineService.INFERENCE) + "/model"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            var json = dev.fmnist.contracts.json.JsonCodec.mapper().readTree(body);
            boolean productionServed = production.equals(json.path("modelId").asText());
            boolean shadowServed = shadow == null || body.contains("\"" + shadow + "\"");
            if (productionServed && shadowServed) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "inference does not serve " + production + " (shadow " + shadow + ") within " + timeout + ": " + body);
    }

    private static void awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
        dev.fmnist.launcher.probe.HealthProbe probe = new dev.fmnist.launcher.probe.HealthProbe(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (probe.ready(baseUrl) != dev.fmnist.launcher.probe.HealthProbe.Readiness.READY) {
            assertThat(System.nanoTime()).as(baseUrl + " ready in time").isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    private static Map<String, Prediction> firstOfEach(Map<String, List<Prediction>> byId) {
        Map<String, Prediction> first = new HashMap<>();
        byId.forEach((id, list) -> first.put(id, list.get(0)));
        return first;
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
