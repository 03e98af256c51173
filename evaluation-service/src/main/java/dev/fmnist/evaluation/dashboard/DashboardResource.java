package dev.fmnist.evaluation.dashboard;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.ModelOverview;
import dev.fmnist.evaluation.service.ModelRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serves the dashboard's views, each a first view rendered from what evaluation-service knows (the latest evaluation
 * of every model and what the registry says of it) that a JS module then keeps live: evaluations at {@code /} (the
 * production model first, then by model id), models, training, mistakes and try-it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    private final EvaluationBook book;
    private final ModelRegistry registry;
    private final EvaluationConfig config;

    public DashboardResource(EvaluationBook book, ModelRegistry registry, EvaluationConfig config) {
        this.book = book;
        this.registry = registry;
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public String page() {
        return Templates.dashboard(
                        book.latestAll().stream()
                                .map(e -> ModelView.of(
                                        e, registry.get(e.modelId()).orElse(null)))
                                .sorted(Comparator.comparing((ModelView m) -> !m.production())
                                        .thenComparing(ModelView::modelId))
                                .toList(),
                        config.window().size())
                .render();
    }

    @GET
    @Path("models")
    @Operation(hidden = true)
    public String models() {
        return Templates.models(overview().stream().map(RegistryRow::of).toList())
                .render();
    }

    @GET
    @Path("training")
    @Operation(hidden = true)
    public String training() {
        return Templates.training().render();
    }

    @GET
    @Path("mistakes")
    @Operation(hidden = true)
    public String mistakes(
            @QueryParam("model") String model,
            @QueryParam("true") String trueLabel,
            @QueryParam("predicted") String predicted) {
        List<ModelOverview> all = overview();
        String selected = model != null && !model.isBlank()
                ? model
                : all.stream()
                        .filter(m -> m.status() == ModelStatus.PRODUCTION)
                        .findFirst()
                        .or(() -> all.stream().findFirst())
                        .map(ModelOverview::modelId)
                        .orElse("");
        List<ModelChoice> choices = new ArrayList<>(
                all.stream().map(m -> ModelChoice.of(m, selected)).toList());
        if (!selected.isEmpty() && choices.stream().noneMatch(ModelChoice::selected)) {
            choices.add(0, new ModelChoice(selected, selected, true));
        }
        int t = label(trueLabel);
        int p = label(predicted);
        boolean cell = t >= 0 && p >= 0;
        String note = (trueLabel != null || predicted != null) && !cell
                ? "true and predicted must both be class numbers 0..9; showing every recent mistake instead."
                : "";
        String heading = cell
                ? (t == p
                        ? FashionLabels.name(t) + " predicted correctly"
                        : FashionLabels.name(t) + " taken for " + FashionLabels.name(p))
                : "Recent mistakes";
        return Templates.mistakes(choices, selected, cell ? t : -1, cell ? p : -1, heading, note)
                .render();
    }

    @GET
    @Path("try")
    @Operation(hidden = true)
    public String tryIt() {
        return Templates.tryit().render();
    }

    private List<ModelOverview> overview() {
        return ModelOverview.join(registry.all(), book.latestAll());
    }

    /** @return the class number 0..9, or -1 when absent or not one */
    private static int label(String text) {
        if (text == null) {
            return -1;
        }
        try {
            int label = Integer.parseInt(text.trim());
            return FashionLabels.isValid(label) ? label : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
