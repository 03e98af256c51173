package dev.fmnist.evaluation.config;

import dev.fmnist.evaluation.alerts.AlertOutlet;
import dev.fmnist.evaluation.alerts.AlertRaiser;
import dev.fmnist.evaluation.alerts.DriftMonitor;
import dev.fmnist.evaluation.alerts.Hysteresis;
import dev.fmnist.evaluation.alerts.QualityCheck;
import dev.fmnist.evaluation.service.ModelRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the alert checks ({@code dev.fmnist.evaluation.alerts}) from {@code fmnist.evaluation.alerts.*}. */
public class AlertBeans {

    @Produces
    @Singleton
    AlertRaiser alertRaiser(AlertOutlet outlet, Clock clock) {
        return new AlertRaiser(outlet, clock);
    }

    @Produces
    @Singleton
    QualityCheck qualityCheck(AlertRaiser raiser, EvaluationConfig config) {
        EvaluationConfig.Alerts.Quality quality = config.alerts().quality();
        return new QualityCheck(raiser, quality.minSupport(), quality.alpha(), quality.margin());
    }

    @Produces
    @Singleton
    DriftMonitor driftMonitor(
            ModelRegistry registry, AlertRaiser raiser, EvaluationConfig config, MeterRegistry meters) {
        EvaluationConfig.Alerts.Drift drift = config.alerts().drift();
        DriftMonitor monitor = new DriftMonitor(
                registry, raiser, drift.window(), new Hysteresis(drift.raiseAbove(), drift.clearBelow()));
        Gauge.builder("fmnist.evaluation.drift.psi", monitor, DriftMonitor::inputPsi)
                .tag("kind", "input")
                .description("Last PSI of the input window against the production model's reference")
                .register(meters);
        Gauge.builder("fmnist.evaluation.drift.psi", monitor, DriftMonitor::predictionPsi)
                .tag("kind", "prediction")
                .description("Last PSI of the production model's predicted classes against its reference")
                .register(meters);
        return monitor;
    }
}
