package dev.fmnist.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.launcher.RunningServices;
import dev.fmnist.launcher.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each service's {@code /q/health/ready} (or {@code /q/health/live}) answers, with the DOWN checks of a DOWN
 * answer for the failure message.
 */
final class ReadinessReport {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReadinessReport() {}

    /**
     * @param services the running services
     * @return the services that are not ready, each with what it answered ({@code not running}, or the status and
     *         body of its readiness answer); empty when all four are ready
     */
    static Map<String, String> notReady(RunningServices services) {
        return down(services, "ready");
    }

    /**
     * @param services the running services
     * @return the services whose {@code /q/health/live} does not answer 200, with what they answered
     */
    static Map<String, String> notLive(RunningServices services) {
        return down(services, "live");
    }

    private static Map<String, String> down(RunningServices services, String check) {
        Map<String, String> down = new LinkedHashMap<>();
        for (ServiceProcess process : services.processes()) {
            String problem = problem(process, check);
            if (problem != null) {
                down.put(process.service().moduleName(), problem);
            }
        }
        return down;
    }

    /**
     * @param body a SmallRye Health answer
     * @return its DOWN checks and, of each, the entries that are not OK, e.g.
     *         {@code [SmallRye Reactive Messaging - readiness check: predictions=[KO] - could not count 316 predictions]}
     */
    static String downChecks(String body) {
        try {
            List<String> down = new ArrayList<>();
            for (JsonNode check : JsonCodec.mapper().readTree(body).path("checks")) {
                if ("UP".equals(check.path("status").asText())) {
                    continue;
                }
                List<String> entries = new ArrayList<>();
                check.path("data").fields().forEachRemaining(entry -> {
                    String value = entry.getValue().asText().replaceAll("\\s+", " ");
                    if (!value.equals("[OK]") && !value.equals("UP")) {
                        entries.add(entry.getKey() + "=" + abbreviate(value, 200));
                    }
                });
                down.add(check.path("name").asText() + (entries.isEmpty() ? "" : ": " + String.join(", ", entries)));
            }
            return down.toString();
        } catch (IOException | RuntimeException notJson) {
            return abbreviate(body.replaceAll("\\s+", " "), 300);
        }
    }

    private static String abbreviate(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) + "…" : text;
    }

    private static String problem(ServiceProcess process, String check) {
        if (!process.isAlive()) {
            return "process exited with status " + process.process().exitValue();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(process.baseUrl() + "/q/health/" + check))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            return check + " " + response.statusCode() + " " + downChecks(response.body());
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
