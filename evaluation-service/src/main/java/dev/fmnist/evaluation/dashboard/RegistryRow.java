package dev.fmnist.evaluation.dashboard;

import dev.fmnist.evaluation.service.ModelOverview;

import java.util.Locale;

/**
 * One row of the models view's first render, from evaluation-service's own registry view ({@code fmnist.models} plus
 * the live figures); the page then enriches it from training-service through the gateway (hyper-parameters, dataset,
 * validation accuracy, created).
 *
 * @param modelId            model id
 * @param name               registry name, the model id when unknown
 * @param version            version number
 * @param architecture       architecture, {@code –} when unknown
 * @param status             registry status, {@code UNREGISTERED} when never seen on fmnist.models
 * @param statusCss          CSS class of the status
 * @param registeredAccuracy test accuracy it was registered with, as a percentage ({@code –} when unknown)
 * @param liveAccuracy       cumulative live accuracy, as a percentage ({@code –} before any evaluation)
 * @param liveCount          labelled images counted
 * @param promotable         whether a promote button is offered (registered, not in production)
 */
public record RegistryRow(
        String modelId,
        String name,
        int version,
        String architecture,
        String status,
        String statusCss,
        String registeredAccuracy,
        String liveAccuracy,
        long liveCount,
        boolean promotable) {

    /** @return the row of one model */
    public static RegistryRow of(ModelOverview m) {
        String status = m.status() == null ? ModelView.UNREGISTERED : m.status().name();
        return new RegistryRow(
                m.modelId(),
                m.name() == null ? m.modelId() : m.name(),
                m.version() == null ? 0 : m.version(),
                m.architecture() == null ? "–" : m.architecture(),
                status,
                "status-" + status.toLowerCase(Locale.ROOT),
                m.registeredTestAccuracy() == null ? "–" : ModelView.percent(m.registeredTestAccuracy()),
                m.liveAccuracy() == null ? "–" : ModelView.percent(m.liveAccuracy()),
                m.liveCount(),
                m.status() != null && !"PRODUCTION".equals(status));
    }
}
