package dev.fmnist.evaluation.config;

import dev.fmnist.evaluation.service.ProgressIntake;
import dev.fmnist.evaluation.service.ProgressLog;
import dev.fmnist.evaluation.service.ProgressStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain training-progress objects from the configuration. */
public class ProgressBeans {

    @Produces
    @Singleton
    ProgressLog progressLog(ProgressStore store, EvaluationConfig config) {
        return new ProgressLog(
                store, config.progress().keepPerJob(), config.progress().keepJobs());
    }

    @Produces
    @Singleton
    ProgressIntake progressIntake() {
        return new ProgressIntake();
    }
}
