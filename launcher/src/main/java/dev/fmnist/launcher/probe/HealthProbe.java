package dev.fmnist.launcher.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's {@code /q/health/ready}. */
public final class HealthProbe {

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout connect and response timeout */
    public HealthProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Readiness of one service. */
    public enum Readiness {
        /** answered 200: ready. */
        READY,
        /** answered, but not 200 (starting, or a dependency is down). */
        NOT_READY,
        /** nothing listens. */
        NOT_RUNNING
    }

    /**
     * @param baseUrl e.g. {@code http://localhost:8081}
     * @return what {@code /q/health/ready} says
     */
    public Readiness ready(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Readiness.READY : Readiness.NOT_READY;
        } catch (IOException e) {
            return Readiness.NOT_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.NOT_RUNNING;
        }
    }
}
