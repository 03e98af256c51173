package dev.fmnist.launcher;

import dev.fmnist.platform.FreePorts;

/**
 * The HTTP ports of the four services.
 *
 * @param ingest     ingest-service
 * @param training   training-service
 * @param inference  inference-service
 * @param evaluation evaluation-service (dashboard)
 */
public record ServicePorts(int ingest, int training, int inference, int evaluation) {

    /** @return the contract ports 8081-8084 */
    public static ServicePorts defaults() {
        return new ServicePorts(
                PipelineService.INGEST.port(),
                PipelineService.TRAINING.port(),
                PipelineService.INFERENCE.port(),
                PipelineService.EVALUATION.port());
    }

    /** @return four ports that are free right now (for tests) */
    public static ServicePorts free() {
        int[] ports = FreePorts.pick(4);
        return new ServicePorts(ports[0], ports[1], ports[2], ports[3]);
    }

    /**
     * @param service a service
     * @return its port
     */
    public int of(PipelineService service) {
        return switch (service) {
            case INGEST -> ingest;
            case TRAINING -> training;
            case INFERENCE -> inference;
            case EVALUATION -> evaluation;
        };
    }

    /**
     * @param service a service
     * @return {@code http://localhost:<port>}
     */
    public String baseUrl(PipelineService service) {
        return "http://localhost:" + of(service);
    }
}
