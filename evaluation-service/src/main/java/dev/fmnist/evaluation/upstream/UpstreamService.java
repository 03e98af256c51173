package dev.fmnist.evaluation.upstream;

import java.util.List;

/** A service the gateway passes requests on to: its name, the path prefix it is mounted under, its allowed calls. */
public enum UpstreamService {

    /** The model registry and the training jobs. */
    TRAINING(
            "training-service",
            "/api/training",
            List.of(
                    new Call("GET", "/models"),
                    new Call("GET", "/models/{id}"),
                    new Call("POST", "/models/{id}/promote"),
                    new Call("POST", "/models/{id}/shadow"),
                    new Call("DELETE", "/models/{id}/shadow"),
                    new Call("POST", "/models/rollback"),
                    new Call("GET", "/jobs"),
                    new Call("GET", "/jobs/{id}"),
                    new Call("POST", "/jobs"),
                    new Call("DELETE", "/jobs/{id}"),
                    new Call("GET", "/searches"),
                    new Call("GET", "/searches/{id}"),
                    new Call("GET", "/architectures"),
                    new Call("GET", "/datasets"))),

    /** Classifying one image, and which model serves. */
    INFERENCE("inference-service", "/api/inference", List.of(new Call("POST", "/predict"), new Call("GET", "/model")));

    private final String serviceName;
    private final String prefix;
    private final List<Call> calls;

    UpstreamService(String serviceName, String prefix, List<Call> calls) {
        this.serviceName = serviceName;
        this.prefix = prefix;
        this.calls = calls;
    }

    /** @return the service's name, as errors name it ({@code training-service}) */
    public String serviceName() {
        return serviceName;
    }

    /** @return the path under which the gateway serves it ({@code /api/training}), without a trailing slash */
    public String prefix() {
        return prefix;
    }

    /** @return the calls passed on, as the service's own method and path template */
    public List<Call> calls() {
        return calls;
    }

    /**
     * One allowed call.
     *
     * @param method   the HTTP method, upper case
     * @param template the service's own path; a segment {@code {name}} stands for any one path segment
     */
    public record Call(String method, String template) {

        /** @return {@code METHOD template}, as documented */
        @Override
        public String toString() {
            return method + " " + template;
        }
    }
}
