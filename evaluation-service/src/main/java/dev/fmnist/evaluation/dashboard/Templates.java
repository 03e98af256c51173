package dev.fmnist.evaluation.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The dashboard's type-checked Qute templates ({@code src/main/resources/templates}); each view includes
 * {@code layout.html} (head, nav, operator token field).
 */
@CheckedTemplate
public class Templates {

    private Templates() {}

    /**
     * @param models     one view per model, by model id
     * @param windowSize W, the size of the sliding window
     * @return the evaluations view ({@code /})
     */
    public static native TemplateInstance dashboard(List<ModelView> models, int windowSize);

    /**
     * @param rows evaluation-service's own registry view, production first
     * @return the models view ({@code /models})
     */
    public static native TemplateInstance models(List<RegistryRow> rows);

    /** @return the training view ({@code /training}) */
    public static native TemplateInstance training();

    /**
     * @param models    the models to choose from
     * @param modelId   the model shown, empty when none
     * @param trueLabel the cell's true class, -1 for every mistake
     * @param predicted the cell's predicted class, -1 for every mistake
     * @param heading   what is shown: the cell, or recent mistakes
     * @param note      why the query was not understood, empty when it was
     * @return the mistakes view ({@code /mistakes})
     */
    public static native TemplateInstance mistakes(
            List<ModelChoice> models, String modelId, int trueLabel, int predicted, String heading, String note);

    /** @return the try-it view ({@code /try}) */
    public static native TemplateInstance tryit();
}
