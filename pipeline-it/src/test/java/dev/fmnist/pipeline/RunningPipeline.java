package dev.fmnist.pipeline;

import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.cli.demo.DemoResult;
import dev.fmnist.cli.demo.DemoRunner;
import dev.fmnist.cli.demo.DemoSettings;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.launcher.LaunchSettings;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.launcher.ServiceLauncher;
import dev.fmnist.launcher.ServicePorts;
import dev.fmnist.platform.FmnistPlatform;
import dev.fmnist.platform.PlatformSettings;
import dev.fmnist.testing.Fixtures;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real broker, the real database and the four packaged services, on the 1,600 + 500 real Fashion-MNIST images of
 * the test fixture, after the demo has ingested them, trained a small MLP, put it into production and replayed the
 * test split through it: what the pipeline tests start from.
 *
 * @param platform the embedded Kafka and PostgreSQL
 * @param services the four services
 * @param result   what the demo did
 * @param data     the run's data folder (its operator keys are in {@code keys/})
 */
record RunningPipeline(FmnistPlatform platform, RunningServices services, DemoResult result, Path data)
        implements AutoCloseable {

    /** The fixture's dataset name. */
    static final String DATASET = "fashion-mnist-mini";

    /**
     * Starts everything and runs the demo on the fixture.
     *
     * @param jobName the name of the demo's training job
     */
    static RunningPipeline start(String jobName) throws Exception {
        return start(jobName, settings -> settings);
    }

    /**
     * Starts everything, with settings of the test's own, and runs the demo on the fixture.
     *
     * @param jobName   the name of the demo's training job
     * @param configure changes the launch settings (e.g. a service's environment)
     */
    static RunningPipeline start(String jobName, java.util.function.UnaryOperator<LaunchSettings> configure)
            throws Exception {
        Path project = Path.of(System.getProperty("fmnist.home", ".."))
                .toAbsolutePath()
                .normalize();
        // the launcher makes the run's operator key pair in <data>/keys; the demo's calls are signed with it
        Path data = Files.createTempDirectory(project.resolve("pipeline-it/target"), "pipeline-");
        FmnistPlatform platform = FmnistPlatform.start(PlatformSettings.forTests());
        RunningServices services = null;
        try {
            services = ServiceLauncher.start(configure.apply(LaunchSettings.of(project, data, platform)
                    .withPorts(ServicePorts.free())
                    .withDatasetFolder(Fixtures.fashionMnistMini())
                    .withTimeouts(Duration.ofMinutes(4), Duration.ofSeconds(20))));
            TrainingJob job = new TrainingJob(
                    null, DATASET, "mlp", 4, 64, 0.001, 7L, jobName, Map.of("hiddenLayers", List.of(64)), null);
            DemoSettings settings = DemoSettings.official(Fixtures.fashionMnistMini())
                    .withDataset(Fixtures.fashionMnistMini(), DATASET)
                    .withJob(job)
                    .withRetrain(true)
                    .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(3));
            PrintWriter log = new PrintWriter(System.out, true);
            DemoResult result = new DemoRunner(
                            settings, ServiceUrls.of(services), platform.bootstrapServers(), new Steps(log, 7), false)
                    .run();
            return new RunningPipeline(platform, services, result, data);
        } catch (Exception | Error e) {
            if (services != null) {
                services.stop();
            }
            platform.stop();
            throw e;
        }
    }

    /** @return the services' addresses, calling with the run's operator tokens */
    ServiceUrls urls() {
        return ServiceUrls.of(services);
    }

    @Override
    public void close() {
        try {
            services.stop();
        } finally {
            platform.stop();
        }
    }
}
