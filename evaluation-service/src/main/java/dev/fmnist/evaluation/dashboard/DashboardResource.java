package dev.fmnist.evaluation.dashboard;

import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.ModelRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;

/**
 * Serves the dashboard's first view, rendered from the latest evaluation of every model and what the registry says of
 * it; the production model comes first, then by model id.
 */
@Path("/")
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
    @Produces(MediaType.TEXT_HTML)
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
}
