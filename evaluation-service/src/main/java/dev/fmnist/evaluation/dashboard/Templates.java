package dev.fmnist.evaluation.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The dashboard's type-checked Qute templates ({@code src/main/resources/templates}). */
@CheckedTemplate
public class Templates {

    private Templates() {}

    /**
     * @param models     one view per model, by model id
     * @param windowSize W, the size of the sliding window
     * @return the dashboard page
     */
    public static native TemplateInstance dashboard(List<ModelView> models, int windowSize);
}
