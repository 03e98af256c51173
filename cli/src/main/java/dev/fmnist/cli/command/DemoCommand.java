package dev.fmnist.cli.command;

import dev.fmnist.cli.client.ServiceUrls;
import dev.fmnist.cli.console.EvaluationPrinter;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.cli.demo.DemoResult;
import dev.fmnist.cli.demo.DemoRunner;
import dev.fmnist.cli.demo.DemoSettings;
import dev.fmnist.cli.demo.DemoText;
import dev.fmnist.cli.demo.KcatLines;
import dev.fmnist.cli.demo.SampleImage;
import dev.fmnist.cli.options.ProjectDirectory;
import dev.fmnist.contracts.idx.IdxCodec;
import dev.fmnist.launcher.LaunchSettings;
import dev.fmnist.launcher.LocalPlatform;
import dev.fmnist.launcher.PipelineService;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.launcher.ServiceBuild;
import dev.fmnist.launcher.ServiceLauncher;
import dev.fmnist.platform.PlatformSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code fmnist demo}: the whole pipeline, end to end, in one command. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the whole pipeline end to end: build, start, ingest, train, replay, evaluate.",
        description = {
            "1. builds the services when they are not built (./mvnw -q package -DskipTests);",
            "2. starts Kafka + PostgreSQL and the four services (logs in .fmnist/logs/);",
            "3. ingests Fashion-MNIST from --data-dir (a no-op when already ingested); when the default folder holds "
                    + "no files, ingest-service downloads the official ones into .fmnist/data/fashion-mnist "
                    + "(checksums verified);",
            "4. trains the default model (an MLP, about 88%% in about two minutes on 2 cores) with a live progress bar, "
                    + "unless a production model exists (--retrain trains anyway);",
            "5. replays the 10,000 test images through fmnist.images.input;",
            "6. waits until the evaluation counts them, then prints accuracy, macro-F1, the per-class table, the "
                    + "confusion matrix, the dashboard address and kcat lines to try;",
            "7. keeps running until Ctrl-C, then stops everything it started.",
            "",
            "A second run reuses the data and the model. Exit status: 130 after Ctrl-C, 0 with --exit, 1 when a step "
                    + "fails."
        })
public final class DemoCommand implements Callable<Integer> {

    /** Printed once everything runs; tests and scripts wait for it. */
    public static final String READY_LINE = "Press Ctrl-C to stop everything.";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Folder of the official Fashion-MNIST IDX files (default: "
                    + "/usr/share/datasets/fashion-mnist, from apt-get install dataset-fashion-mnist; when it holds "
                    + "none, the official files are downloaded into .fmnist/data/fashion-mnist).")
    Path datasetFolder;

    @Option(names = "--retrain", description = "Train a new model even when one is in production.")
    boolean retrain;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of the demo's training job (default: 8).")
    Integer epochs;

    @Option(
            names = "--exit",
            description =
                    "Stop everything and exit after printing the evaluation, instead of " + "running until Ctrl-C.")
    boolean exitWhenDone;

    @Option(
            names = "--start-timeout",
            defaultValue = "PT4M",
            paramLabel = "DURATION",
            description = "How long the services may take to become ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path project = ProjectDirectory.resolve();
        Path data = project.resolve(PlatformSettings.LOCAL_DIRECTORY);
        Path downloads = LaunchSettings.downloadFolder(data);
        if (datasetFolder != null && !hasIdxFiles(datasetFolder)) {
            err.println("Fashion-MNIST is not in " + datasetFolder + ": it holds no t10k/train IDX files.");
            err.println(DemoText.howToGetTheData(downloads));
            err.flush();
            return 1;
        }
        boolean download = datasetFolder == null && !hasIdxFiles(LaunchSettings.DEFAULT_DATASET_FOLDER);
        Path folder = datasetFolder != null
                ? datasetFolder.toAbsolutePath()
                : download ? downloads : LaunchSettings.DEFAULT_DATASET_FOLDER;
        Steps steps = new Steps(out, 7);
        build(steps, project, data);

        steps.begin(2, "Start Kafka + PostgreSQL and the four services");
        LocalPlatform infrastructure = startPlatform(steps, project);
        RunningServices services;
        try {
            LaunchSettings launch = LaunchSettings.of(project, data, infrastructure.endpoints())
                    .withDatasetFolder(download ? LaunchSettings.DEFAULT_DATASET_FOLDER : folder)
                    .withTimeouts(startTimeout, Duration.ofSeconds(20));
            services = ServiceLauncher.start(
                    launch,
                    p -> steps.info(p.service().moduleName() + " ready on " + p.baseUrl() + " (pid " + p.pid()
                            + ", log " + project.relativize(p.log()) + ")"));
        } catch (RuntimeException e) {
            infrastructure.stop();
            throw e;
        }
        steps.done("all four services ready");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    out.println();
                    out.println("Stopping the services, Kafka and PostgreSQL ...");
                    out.flush();
                    services.stop();
                    infrastructure.stop();
                    out.println("Stopped.");
                    out.flush();
                    stopped.countDown();
                },
                "fmnist-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            DemoSettings settings = settings(folder, download);
            DemoResult result = new DemoRunner(
                            settings,
                            ServiceUrls.of(services),
                            infrastructure.endpoints().bootstrapServers(),
                            steps,
                            System.console() != null)
                    .run();
            out.println();
            EvaluationPrinter.print(out, result.evaluation());
            out.println();
            printTryIt(out, project, folder, data, infrastructure.endpoints().bootstrapServers(), services);
            out.println("Demo ready after " + steps.sinceStart() + ".");
        } catch (RuntimeException e) {
            if (removeHook(hook)) {
                services.stop();
                infrastructure.stop();
                throw e;
            }
            // Ctrl-C during a step: the hook stops everything; the step's failure is only its consequence
            stopped.await();
            return 130;
        }
        if (exitWhenDone && removeHook(hook)) {
            hook.run();
            return 0;
        }
        steps.begin(7, "Running. " + READY_LINE);
        stopped.await();
        return 130;
    }

    /** @return false when the JVM is already shutting down (Ctrl-C): the hook runs then */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private DemoSettings settings(Path folder, boolean download) {
        DemoSettings settings =
                (download ? DemoSettings.downloading(folder) : DemoSettings.official(folder)).withRetrain(retrain);
        return epochs == null
                ? settings
                : settings.withJob(
                        DemoSettings.copy(settings.job(), null, settings.job().dataset(), epochs));
    }

    private static void build(Steps steps, Path project, Path data) {
        List<PipelineService> missing = ServiceLauncher.missingJars(project);
        if (missing.isEmpty()) {
            steps.begin(1, "Build: the four services are built");
            steps.done("nothing to do");
            return;
        }
        Path log = data.resolve("logs/build.log");
        steps.begin(
                1,
                "Build: "
                        + String.join(
                                ", ",
                                missing.stream()
                                        .map(PipelineService::moduleName)
                                        .toList()) + " not built yet: "
                        + String.join(" ", ServiceBuild.command(project)).replace(project + "/", "./"));
        steps.info("(a few minutes the first time; output in " + project.relativize(log) + ")");
        ServiceBuild.run(project, log);
        steps.done("built");
    }

    /** Kafka and PostgreSQL: started here, or the ones {@code fmnist up} already runs. */
    private static LocalPlatform startPlatform(Steps steps, Path project) {
        PlatformSettings settings = PlatformSettings.local(project);
        long started = System.nanoTime();
        LocalPlatform platform = LocalPlatform.startOrReuse(settings);
        if (platform.reused()) {
            steps.info("using the Kafka and PostgreSQL already running on " + settings.kafkaPort() + " and "
                    + settings.postgresPort() + " (./fmnist up)");
        } else {
            steps.info("Kafka " + platform.owned().bootstrapServers() + ", PostgreSQL "
                    + platform.owned().jdbcUrl()
                    + " (data in " + project.relativize(platform.owned().dataDirectory()) + ", "
                    + Steps.seconds(System.nanoTime() - started) + ")");
        }
        return platform;
    }

    private static void printTryIt(
            PrintWriter out, Path project, Path folder, Path data, String bootstrapServers, RunningServices services) {
        Optional<Path> sample = SampleImage.writeFirstTestImage(folder, data.resolve("samples"));
        out.println(
                "Dashboard:   " + services.process(PipelineService.EVALUATION).baseUrl() + "/");
        out.println("             (to train, promote or roll back from it, paste ./fmnist token into its header)");
        out.println("Services:    "
                + String.join(
                        "  ",
                        services.processes().stream()
                                .map(p -> p.service().moduleName() + " " + p.baseUrl())
                                .toList()));
        out.println("Logs:        " + project.relativize(data.resolve("logs")) + "/");
        out.println();
        out.println("Try it (Kafka at " + bootstrapServers + "):");
        Path png = sample.map(p -> p.startsWith(project) ? project.relativize(p) : p)
                .orElse(null);
        for (String line : KcatLines.of(bootstrapServers, png)) {
            out.println("  " + line);
        }
        if (png != null) {
            out.println("  # or with this tool:");
            out.println("  ./fmnist publish " + png);
        }
        out.println("  ./fmnist models        # the registry;  ./fmnist eval  # the latest evaluation again");
        out.println("  # mutations need an operator token (docs/security.md); ./fmnist token prints one:");
        out.println("  curl -H \"Authorization: Bearer $(./fmnist token)\" -X POST "
                + services.process(PipelineService.TRAINING).baseUrl() + "/models/<id>/promote");
        out.println();
        out.flush();
    }

    private static boolean hasIdxFiles(Path folder) {
        return Files.isDirectory(folder)
                && Stream.of("train", "t10k")
                        .allMatch(prefix -> IdxCodec.find(folder, IdxCodec.imagesName(prefix))
                                        .isPresent()
                                && IdxCodec.find(folder, IdxCodec.labelsName(prefix))
                                        .isPresent());
    }
}
