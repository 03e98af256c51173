package dev.fmnist.cli.command;

import dev.fmnist.cli.console.Format;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.Promotion;

/** What {@code train} and {@code search} print about the model a completed job registered. */
final class ModelReport {

    private ModelReport() {}

    /**
     * @param finished the completed job
     * @param model    its model as the registry shows it, or null when the registry does not (yet)
     * @return {@code model m-1, status PRODUCTION (reason), test accuracy 88.09%, macro-F1 0.8809, trained in 31s}
     */
    static String of(JobView finished, ModelVersion model) {
        if (model == null) {
            return "model " + finished.modelId();
        }
        // the promotion gate's decision as the job reports it; a training-service that does not: the registry's
        Promotion promotion = finished.promotion();
        return "model " + model.modelId() + ", status "
                + (promotion == null || promotion.status() == null
                        ? model.status()
                        : promotion.status() + (promotion.reason() == null ? "" : " (" + promotion.reason() + ")"))
                + (model.test() == null
                        ? ""
                        : ", test accuracy " + Format.percent(model.test().accuracy()) + ", macro-F1 "
                                + Format.ratio(model.test().macroF1()))
                + ", trained in " + Format.duration(model.trainingSeconds());
    }
}
