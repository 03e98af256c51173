package dev.fmnist.launcher;

/** The four services and their contract HTTP ports. */
public enum PipelineService {

    /** Reads datasets and user images into Kafka. */
    INGEST("ingest-service", 8081),
    /** Trains models and keeps the registry. */
    TRAINING("training-service", 8082),
    /** Predicts every input image with the production model. */
    INFERENCE("inference-service", 8083),
    /** Scores predictions; serves the dashboard. */
    EVALUATION("evaluation-service", 8084);

    private final String moduleName;
    private final int port;

    PipelineService(String moduleName, int port) {
        this.moduleName = moduleName;
        this.port = port;
    }

    /** @return the Maven module, e.g. {@code ingest-service} */
    public String moduleName() {
        return moduleName;
    }

    /** @return the default HTTP port */
    public int port() {
        return port;
    }

    /** @return {@code http://localhost:<port>} */
    public String baseUrl() {
        return "http://localhost:" + port;
    }
}
