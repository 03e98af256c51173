package dev.fmnist.launcher;

import dev.fmnist.launcher.probe.HealthProbe;
import dev.fmnist.platform.PlatformEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link ServiceLauncher} with stand-in services ({@link FakeService} packaged as each module's
 * {@code quarkus-run.jar}): the real processes, environment, logs, readiness wait, failure reports and stop.
 */
class ServiceLauncherTest {

    private static final PlatformEndpoints PLATFORM =
            PlatformEndpoints.of("localhost:1", "jdbc:postgresql://localhost:2/fmnist", "fmnist", "fmnist");

    private Path project;
    private final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void packageFakeServices() throws IOException {
        project = Files.createTempDirectory("fmnist-launcher-test-");
        Path testClasses = Path.of(FakeService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        for (PipelineService service : PipelineService.values()) {
            Path jar = LaunchSettings.jar(project, service);
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is all it needs
            }
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        try (Stream<Path> files = Files.walk(project)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private LaunchSettings settings() {
        return LaunchSettings.of(project, project.resolve(".fmnist"), PLATFORM)
                .withPorts(ServicePorts.free())
                .withDatasetFolder(project.resolve("data"))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5))
                .withJavaOptions(PipelineService.TRAINING, List.of("-Xmx64m"))
                .withJavaOptions(PipelineService.INGEST, List.of("-Xmx64m"))
                .withJavaOptions(PipelineService.INFERENCE, List.of("-Xmx64m"))
                .withJavaOptions(PipelineService.EVALUATION, List.of("-Xmx64m"));
    }

    @Test
    void startsTheFourServicesWithTheirEnvironmentWaitsUntilReadyAndStopsThemAll() throws Exception {
        LaunchSettings settings = settings();
        List<PipelineService> readyOrder = new ArrayList<>();
        RunningServices services = ServiceLauncher.start(settings, p -> readyOrder.add(p.service()));
        services.processes().forEach(p -> pids.add(p.pid()));

        assertThat(readyOrder).containsExactlyInAnyOrder(PipelineService.values());
        HealthProbe health = new HealthProbe(Duration.ofSeconds(2));
        for (PipelineService service : PipelineService.values()) {
            assertThat(services.process(service).isAlive()).isTrue();
            assertThat(health.ready(settings.ports().baseUrl(service))).isEqualTo(HealthProbe.Readiness.READY);
        }
        assertThat(services.baseUrl(PipelineService.TRAINING))
                .isEqualTo("http://localhost:" + settings.ports().training());

        String training = Files.readString(settings.logFile(PipelineService.TRAINING));
        assertThat(training)
                .contains("KAFKA_BOOTSTRAP_SERVERS=localhost:1")
                .contains("FMNIST_DB_URL=jdbc:postgresql://localhost:2/fmnist")
                .contains("FMNIST_TRAINING_PUBLIC_URL=http://localhost:"
                        + settings.ports().training());
        assertThat(Files.readString(settings.logFile(PipelineService.INGEST)))
                .contains("FMNIST_INGEST_DATA_DIR=" + project.resolve("data"));
        assertThat(Files.readString(settings.logFile(PipelineService.INFERENCE)))
                .contains("FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR=" + project.resolve(".fmnist/models"))
                .contains("FMNIST_INFERENCE_REGISTRY_URL=http://localhost:"
                        + settings.ports().training());
        assertThat(Files.readString(settings.logFile(PipelineService.EVALUATION)))
                .as("the dashboard's gateway points at this run's training and inference")
                .contains("FMNIST_EVALUATION_UPSTREAM_TRAINING_URL=http://localhost:"
                        + settings.ports().training())
                .contains("FMNIST_EVALUATION_UPSTREAM_INFERENCE_URL=http://localhost:"
                        + settings.ports().inference());
        // the run's key pair: made once, private key owner-only; ingest and training verify with its public key,
        // and the clients sign their mutations with its private key (what one signs, the other verifies)
        Path publicKey = project.resolve(".fmnist/keys/jwt-public.pem");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(project.resolve(".fmnist/keys/jwt-private.pem"))))
                .isEqualTo("rw-------");
        for (PipelineService verifier : List.of(PipelineService.INGEST, PipelineService.TRAINING)) {
            assertThat(Files.readString(settings.logFile(verifier)))
                    .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + publicKey.toUri());
        }
        assertThat(Files.readString(settings.logFile(PipelineService.EVALUATION)))
                .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=null");
        assertThat(services.keys()).isEqualTo(OperatorKeys.in(project.resolve(".fmnist/keys")));
        byte[] message = "promote".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
        signer.initSign(services.keys().readPrivateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(services.keys().readPublicKey());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();

        services.stop();

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid " + pid)
                    .isFalse();
        }
        // SIGTERM first: the fake's shutdown hook ran
        assertThat(Files.readString(settings.logFile(PipelineService.EVALUATION)))
                .contains("fake service stopping");
    }

    @Test
    void oneServiceKilledOutrightStartsAgainOnItsPortWithItsSettingsAndIsStoppedWithTheOthers() throws IOException {
        LaunchSettings settings = settings();
        RunningServices services = ServiceLauncher.start(settings);
        services.processes().forEach(p -> pids.add(p.pid()));
        ServiceProcess first = services.process(PipelineService.INFERENCE);
        HealthProbe health = new HealthProbe(Duration.ofSeconds(2));

        services.kill(PipelineService.INFERENCE);

        assertThat(first.isAlive()).isFalse();
        // SIGKILL: the fake's shutdown hook did not run
        assertThat(Files.readString(settings.logFile(PipelineService.INFERENCE)))
                .doesNotContain("fake service stopping");
        assertThat(health.ready(first.baseUrl())).isEqualTo(HealthProbe.Readiness.NOT_RUNNING);
        assertThat(services.process(PipelineService.TRAINING).isAlive()).isTrue();

        ServiceProcess again = services.startAgain(PipelineService.INFERENCE);
        pids.add(again.pid());

        assertThat(again.pid()).isNotEqualTo(first.pid());
        assertThat(again.port()).isEqualTo(first.port());
        assertThat(services.process(PipelineService.INFERENCE)).isSameAs(again);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> health.ready(again.baseUrl()) == HealthProbe.Readiness.READY);
        String log = Files.readString(settings.logFile(PipelineService.INFERENCE));
        assertThat(log.split("fake service starting on port " + first.port(), -1))
                .as("both starts, one log")
                .hasSize(3);
        assertThat(log.split("FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR=" + project.resolve(".fmnist/models"), -1))
                .as("the same environment both times")
                .hasSize(3);
        assertThatThrownBy(() -> services.startAgain(PipelineService.INFERENCE)).hasMessageContaining("still runs");

        services.stop();

        assertThat(again.isAlive()).isFalse();
        assertThat(Files.readString(settings.logFile(PipelineService.INFERENCE)))
                .contains("fake service stopping");
    }

    @Test
    void aSecondTrainingReplicaRunsOnItsOwnPortWithItsOwnInstanceIdAndStopsWithTheOthers() throws IOException {
        LaunchSettings settings = settings();
        RunningServices services = ServiceLauncher.start(settings);
        services.processes().forEach(p -> pids.add(p.pid()));

        ServiceProcess replica = services.startReplica(PipelineService.TRAINING, "training-2");
        pids.add(replica.pid());

        HealthProbe health = new HealthProbe(Duration.ofSeconds(2));
        assertThat(health.ready(replica.baseUrl())).isEqualTo(HealthProbe.Readiness.READY);
        assertThat(replica.port()).isNotEqualTo(settings.ports().training());
        assertThat(services.replicas()).containsOnlyKeys("training-2");
        assertThat(services.process(PipelineService.TRAINING).isAlive()).isTrue();
        Path log = settings.logFile(PipelineService.TRAINING, "training-2");
        assertThat(log).hasFileName("training-service-training-2.log");
        assertThat(Files.readString(log))
                .contains("fake service starting on port " + replica.port())
                .contains("FMNIST_TRAINING_INSTANCE_ID=training-2")
                .as("the same broker and database; the registry's one public address")
                .contains("KAFKA_BOOTSTRAP_SERVERS=localhost:1")
                .contains("FMNIST_DB_URL=jdbc:postgresql://localhost:2/fmnist")
                .contains("FMNIST_TRAINING_PUBLIC_URL=http://localhost:"
                        + settings.ports().training());
        assertThat(Files.readString(settings.logFile(PipelineService.TRAINING)))
                .contains("FMNIST_TRAINING_INSTANCE_ID=training-1");
        assertThatThrownBy(() -> services.startReplica(PipelineService.TRAINING, "training-2"))
                .hasMessageContaining("training-2 runs already");
        assertThatThrownBy(() -> services.startReplica(PipelineService.TRAINING, "training-1"))
                .hasMessageContaining("first instance");
        assertThatThrownBy(() -> services.startReplica(PipelineService.INGEST, "ingest-2"))
                .hasMessageContaining("ingest-service does not run as replicas");
        ServiceProcess inference = services.startReplica(PipelineService.INFERENCE, "inference-2");
        assertThat(Files.readString(settings.logFile(PipelineService.INFERENCE, "inference-2")))
                .as("its own artifact cache, the same registry")
                .contains("FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR="
                        + settings.dataDirectory().resolve("models-inference-2"))
                .contains("FMNIST_INFERENCE_REGISTRY_URL=http://localhost:"
                        + settings.ports().training());
        assertThat(services.stopReplica("inference-2")).isSameAs(inference);
        assertThat(inference.isAlive()).isFalse();
        assertThat(Files.readString(settings.logFile(PipelineService.INFERENCE, "inference-2")))
                .as("a graceful stop: SIGTERM")
                .contains("fake service stopping");
        assertThatThrownBy(() -> services.killReplica("evaluation-9")).hasMessageContaining("no replica evaluation-9");

        services.stop();

        assertThat(replica.isAlive()).isFalse();
        assertThat(Files.readString(log)).contains("fake service stopping");
    }

    @Test
    void aServiceThatExitsIsNamedWithTheTailOfItsLogAndTheOthersAreStopped() {
        LaunchSettings settings = settings().withEnvironment(PipelineService.INFERENCE, "FAKE_MODE", "fail");

        assertThatThrownBy(() -> ServiceLauncher.start(settings))
                .isInstanceOfSatisfying(ServiceStartException.class, e -> {
                    assertThat(e.service()).isEqualTo(PipelineService.INFERENCE);
                    assertThat(e.getMessage())
                            .contains("inference-service did not come up")
                            .contains("exited with status 3")
                            .contains("ERROR boom: Failed to connect to Kafka at nowhere:1")
                            .contains(
                                    settings.logFile(PipelineService.INFERENCE).toString())
                            .doesNotContain("starting step 10\n");
                    assertThat(e.logTail())
                            .hasSize(ServiceLauncher.LOG_TAIL_LINES)
                            .last()
                            .isEqualTo("ERROR boom: Failed to connect to Kafka at nowhere:1");
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> noServiceListens(settings));
    }

    @Test
    void aServiceThatNeverBecomesReadyIsNamedAfterTheTimeout() {
        LaunchSettings settings = settings()
                .withEnvironment(PipelineService.EVALUATION, "FAKE_MODE", "hang")
                .withTimeouts(Duration.ofSeconds(8), Duration.ofSeconds(2));

        assertThatThrownBy(() -> ServiceLauncher.start(settings))
                .isInstanceOfSatisfying(ServiceStartException.class, e -> {
                    assertThat(e.service()).isEqualTo(PipelineService.EVALUATION);
                    assertThat(e.getMessage())
                            .contains("evaluation-service did not come up")
                            .contains("/q/health/ready within 8 s")
                            .contains("fake service starting on port "
                                    + settings.ports().evaluation());
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> noServiceListens(settings));
    }

    @Test
    void aMissingJarIsReportedBeforeAnythingStarts() throws IOException {
        Files.delete(LaunchSettings.jar(project, PipelineService.TRAINING));

        assertThat(ServiceLauncher.missingJars(project)).containsExactly(PipelineService.TRAINING);
        assertThatThrownBy(() -> ServiceLauncher.start(settings()))
                .hasMessageContaining("not built")
                .hasMessageContaining("training-service/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void servicesDoNotOutliveAnOwnerThatIsKilledOutright() throws Exception {
        ServicePorts ports = ServicePorts.free();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        LauncherOwner.class.getName(),
                        project.toString(),
                        Integer.toString(ports.ingest()),
                        Integer.toString(ports.training()),
                        Integer.toString(ports.inference()),
                        Integer.toString(ports.evaluation()))
                .redirectErrorStream(true)
                .start();
        pids.add(owner.pid());
        java.io.BufferedReader output = new java.io.BufferedReader(
                new java.io.InputStreamReader(owner.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        List<Long> services = new ArrayList<>();
        while ((line = output.readLine()) != null) {
            if (line.startsWith("PIDS ")) {
                for (String pid : line.substring(5).split(" ")) {
                    services.add(Long.parseLong(pid));
                }
                break;
            }
        }
        pids.addAll(services);
        assertThat(services)
                .hasSize(4)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
        owner.waitFor();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(services)
                        .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                        .map(ProcessHandle::isAlive)
                                        .orElse(false))
                                .as("service pid " + pid)
                                .isFalse()));
    }

    @Test
    void theLastLinesOfALongLogAreItsTail() throws IOException {
        Path log = project.resolve("long.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);

        assertThat(ServiceProcess.tail(log, 3)).containsExactly("line 4997", "line 4998", "line 4999");
        assertThat(ServiceProcess.tail(project.resolve("absent.log"), 3)).isEmpty();
    }

    private static boolean noServiceListens(LaunchSettings settings) {
        HealthProbe health = new HealthProbe(Duration.ofSeconds(1));
        for (PipelineService service : PipelineService.values()) {
            if (health.ready(settings.ports().baseUrl(service)) != HealthProbe.Readiness.NOT_RUNNING) {
                return false;
            }
        }
        return true;
    }
}
