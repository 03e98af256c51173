package dev.fmnist.launcher;

import dev.fmnist.platform.PlatformEndpoints;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link ServiceLauncher} starts the services.
 *
 * @param projectDirectory  repository root: the jars are {@code <module>/target/quarkus-app/quarkus-run.jar}
 * @param dataDirectory     where logs ({@code logs/<service>.log}), the inference model cache ({@code models/}),
 *                          ingest's downloads ({@code data/fashion-mnist}) and the operator key pair ({@code keys/})
 *                          go; the project's {@code .fmnist} for local runs
 * @param bootstrapServers  Kafka
 * @param jdbcUrl           PostgreSQL JDBC URL
 * @param dbUser            database user
 * @param dbPassword        database password
 * @param ports             HTTP ports
 * @param datasetFolder     the official Fashion-MNIST folder ingest reads by default ({@code FMNIST_INGEST_DATA_DIR})
 * @param readyTimeout      how long all services together may take to answer {@code /q/health/ready}
 * @param stopTimeout       how long a service may take to exit after SIGTERM before it is killed
 * @param javaOptions       JVM options per service (heap, GC)
 * @param extraEnvironment  more environment per service, applied last (overrides)
 */
public record LaunchSettings(
        Path projectDirectory,
        Path dataDirectory,
        String bootstrapServers,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        ServicePorts ports,
        Path datasetFolder,
        Duration readyTimeout,
        Duration stopTimeout,
        Map<PipelineService, List<String>> javaOptions,
        Map<PipelineService, Map<String, String>> extraEnvironment) {

    /** Where Debian's {@code dataset-fashion-mnist} installs the official files. */
    public static final Path DEFAULT_DATASET_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * JVM options per service: training holds the training split and the network (and keeps the full JIT for its
     * training loop); inference keeps the full JIT too: its per-image Java work (JSON parsing and base64 of every
     * input, JSON of every prediction, the tensor fill) costs about twice the CPU under C1 alone, more than its forward
     * pass (issue 17, docs/dl4j-performance.md). Ingest and evaluation stay small and use the quick-starting C1
     * compiler only (their work is Kafka and PostgreSQL I/O), which shortens the start of the JVMs on a small machine.
     */
    public static final Map<PipelineService, List<String>> DEFAULT_JAVA_OPTIONS = Map.of(
            PipelineService.INGEST, List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            PipelineService.TRAINING, List.of("-Xmx2g", "-XX:+UseSerialGC"),
            PipelineService.INFERENCE, List.of("-Xmx768m", "-XX:+UseSerialGC"),
            PipelineService.EVALUATION, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

    public LaunchSettings {
        javaOptions = copy(javaOptions);
        extraEnvironment = copy(extraEnvironment);
    }

    /**
     * Settings for a platform that is already running, on the contract ports.
     *
     * @param projectDirectory repository root
     * @param dataDirectory    where logs and caches go
     * @param platform         Kafka and PostgreSQL
     * @return the settings
     */
    public static LaunchSettings of(Path projectDirectory, Path dataDirectory, PlatformEndpoints platform) {
        return new LaunchSettings(
                projectDirectory.toAbsolutePath().normalize(),
                dataDirectory.toAbsolutePath().normalize(),
                platform.bootstrapServers(),
                platform.jdbcUrl(),
                platform.username(),
                platform.password(),
                ServicePorts.defaults(),
                DEFAULT_DATASET_FOLDER,
                Duration.ofMinutes(4),
                Duration.ofSeconds(20),
                DEFAULT_JAVA_OPTIONS,
                Map.of());
    }

    /** @return the same settings with other ports */
    public LaunchSettings withPorts(ServicePorts newPorts) {
        return new LaunchSettings(
                projectDirectory,
                dataDirectory,
                bootstrapServers,
                jdbcUrl,
                dbUser,
                dbPassword,
                newPorts,
                datasetFolder,
                readyTimeout,
                stopTimeout,
                javaOptions,
                extraEnvironment);
    }

    /** @return the same settings with another official dataset folder */
    public LaunchSettings withDatasetFolder(Path folder) {
        return new LaunchSettings(
                projectDirectory,
                dataDirectory,
                bootstrapServers,
                jdbcUrl,
                dbUser,
                dbPassword,
                ports,
                folder,
                readyTimeout,
                stopTimeout,
                javaOptions,
                extraEnvironment);
    }

    /** @return the same settings with other timeouts */
    public LaunchSettings withTimeouts(Duration ready, Duration stop) {
        return new LaunchSettings(
                projectDirectory,
                dataDirectory,
                bootstrapServers,
                jdbcUrl,
                dbUser,
                dbPassword,
                ports,
                datasetFolder,
                ready,
                stop,
                javaOptions,
                extraEnvironment);
    }

    /** @return the same settings with other JVM options for one service */
    public LaunchSettings withJavaOptions(PipelineService service, List<String> options) {
        Map<PipelineService, List<String>> all = new EnumMap<>(PipelineService.class);
        all.putAll(javaOptions);
        all.put(service, List.copyOf(options));
        return new LaunchSettings(
                projectDirectory,
                dataDirectory,
                bootstrapServers,
                jdbcUrl,
                dbUser,
                dbPassword,
                ports,
                datasetFolder,
                readyTimeout,
                stopTimeout,
                all,
                extraEnvironment);
    }

    /** @return the same settings with one more environment variable for one service */
    public LaunchSettings withEnvironment(PipelineService service, String name, String value) {
        Map<PipelineService, Map<String, String>> all = new EnumMap<>(PipelineService.class);
        all.putAll(extraEnvironment);
        Map<String, String> one = new java.util.LinkedHashMap<>(all.getOrDefault(service, Map.of()));
        one.put(name, value);
        all.put(service, Map.copyOf(one));
        return new LaunchSettings(
                projectDirectory,
                dataDirectory,
                bootstrapServers,
                jdbcUrl,
                dbUser,
                dbPassword,
                ports,
                datasetFolder,
                readyTimeout,
                stopTimeout,
                javaOptions,
                all);
    }

    /** @return {@code <dataDirectory>/keys}: the key pair whose public key ingest and training verify tokens with */
    public Path keyDirectory() {
        return OperatorKeys.folderOf(dataDirectory);
    }

    /** @return {@code <dataDirectory>/data/fashion-mnist}: where ingest downloads the official files when needed */
    public Path downloadFolder() {
        return downloadFolder(dataDirectory);
    }

    /**
     * @param dataDirectory a run's data directory, e.g. the project's {@code .fmnist}
     * @return {@code <dataDirectory>/data/fashion-mnist}
     */
    public static Path downloadFolder(Path dataDirectory) {
        return dataDirectory.resolve("data").resolve("fashion-mnist");
    }

    /** @return {@code <dataDirectory>/logs} */
    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    /**
     * @param service a service
     * @return its log file, {@code <dataDirectory>/logs/<module>.log}
     */
    public Path logFile(PipelineService service) {
        return logDirectory().resolve(service.moduleName() + ".log");
    }

    /**
     * @param service a service
     * @return its packaged application, {@code <module>/target/quarkus-app/quarkus-run.jar}
     */
    public Path jar(PipelineService service) {
        return jar(projectDirectory, service);
    }

    /**
     * @param projectDirectory repository root
     * @param service          a service
     * @return its packaged application
     */
    public static Path jar(Path projectDirectory, PipelineService service) {
        return projectDirectory.resolve(service.moduleName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The environment a service gets: Kafka, PostgreSQL (not inference, which keeps no state), its port, the token verification key (ingest and training),
     * and its own keys (inference: the registry's URL; evaluation: its gateway's training and inference URLs and the key
     * it signs an auto-promotion's token with).
     *
     * @param service a service
     * @return variable name → value
     */
    public Map<String, String> environment(PipelineService service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        if (service != PipelineService.INFERENCE) {
            // inference-service keeps no state of its own: no database
            env.put("FMNIST_DB_URL", jdbcUrl);
            env.put("FMNIST_DB_USER", dbUser);
            env.put("FMNIST_DB_PASSWORD", dbPassword);
        }
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.of(service)));
        if (service == PipelineService.INGEST || service == PipelineService.TRAINING) {
            // their mutating endpoints accept tokens signed with the run's private key (docs/security.md)
            env.put(
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    OperatorKeys.in(keyDirectory()).publicKeyLocation());
            env.put("MP_JWT_VERIFY_ISSUER", OperatorKeys.ISSUER);
        }
        switch (service) {
            case INGEST -> {
                env.put("FMNIST_INGEST_DATA_DIR", datasetFolder.toString());
                // where ingest keeps the official files it downloads when the data folder holds none
                env.put("FMNIST_INGEST_DOWNLOAD_DIR", downloadFolder().toString());
            }
            case TRAINING -> {
                env.put("FMNIST_TRAINING_PUBLIC_URL", ports.baseUrl(PipelineService.TRAINING));
                // a fixed instance id: jobs queued by this instance run again after a restart
                env.put("FMNIST_TRAINING_INSTANCE_ID", "training-1");
                // one OpenMP thread is faster for the MLP and LeNet-5 on small CPUs (docs/dl4j-performance.md)
                env.put("OMP_NUM_THREADS", "1");
            }
            case INFERENCE -> {
                env.put(
                        "FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR",
                        dataDirectory.resolve("models").toString());
                // the only registry inference loads models from (and the base model events must point under)
                env.put("FMNIST_INFERENCE_REGISTRY_URL", ports.baseUrl(PipelineService.TRAINING));
                env.put("OMP_NUM_THREADS", "1");
            }
            case EVALUATION -> {
                // the dashboard's same-origin gateway to the registry, the jobs and POST /predict
                env.put("FMNIST_EVALUATION_UPSTREAM_TRAINING_URL", ports.baseUrl(PipelineService.TRAINING));
                env.put("FMNIST_EVALUATION_UPSTREAM_INFERENCE_URL", ports.baseUrl(PipelineService.INFERENCE));
                // the run's private key signs the operator token of an auto-promotion (used only when
                // FMNIST_EVALUATION_AUTO_PROMOTE=true, which a run's own environment passes on)
                env.put(
                        "FMNIST_EVALUATION_PROMOTION_SIGNING_KEY",
                        OperatorKeys.in(keyDirectory()).privateKey().toUri().toString());
            }
        }
        env.putAll(extraEnvironment.getOrDefault(service, Map.of()));
        return env;
    }

    /**
     * The environment of one more instance of a service, next to the one {@link #environment} describes: the same
     * Kafka, database and consumer groups, its own HTTP port. The stream services and training run as replicas (their
     * consumer groups share the partitions of their input topics):
     * <ul>
     *   <li>training-service gets its own instance id; its public URL stays the first instance's, the registry's one
     *       address (as a Kubernetes Service in front of the replicas; inference loads models only from under it, and
     *       every replica serves every artifact from the shared database);
     *   <li>inference-service gets its own artifact cache folder ({@code models-<instanceId>});
     *   <li>evaluation-service shares the database, where the counts are; one instance at a time emits.
     * </ul>
     *
     * @param service    training, inference or evaluation
     * @param port       the instance's HTTP port
     * @param instanceId its id, e.g. {@code training-2} (training: its {@code fmnist.training.instance-id})
     * @return variable name → value
     * @throws IllegalArgumentException for ingest-service, or the first training instance's id
     */
    public Map<String, String> replicaEnvironment(PipelineService service, int port, String instanceId) {
        if (service == PipelineService.INGEST) {
            throw new IllegalArgumentException(
                    "ingest-service does not run as replicas (training, inference and" + " evaluation do)");
        }
        Map<String, String> env = environment(service);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        switch (service) {
            case TRAINING -> {
                if (instanceId.equals(env.get("FMNIST_TRAINING_INSTANCE_ID"))) {
                    throw new IllegalArgumentException("instance " + instanceId + " is the first instance's id");
                }
                env.put("FMNIST_TRAINING_INSTANCE_ID", instanceId);
            }
            case INFERENCE ->
                env.put(
                        "FMNIST_INFERENCE_ARTIFACTS_CACHE_DIR",
                        dataDirectory.resolve("models-" + instanceId).toString());
            default -> {
                // evaluation: the same database and groups are all a replica needs
            }
        }
        return env;
    }

    /**
     * @param service    a service
     * @param instanceId one of its replicas
     * @return the replica's log file, {@code <dataDirectory>/logs/<module>-<instanceId>.log}
     */
    public Path logFile(PipelineService service, String instanceId) {
        return logDirectory().resolve(service.moduleName() + "-" + instanceId + ".log");
    }

    private static <V> Map<PipelineService, V> copy(Map<PipelineService, V> map) {
        Map<PipelineService, V> copy = new EnumMap<>(PipelineService.class);
        if (map != null) {
            copy.putAll(map);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
