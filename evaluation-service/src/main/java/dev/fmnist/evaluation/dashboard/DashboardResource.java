package dev.fmnist.evaluation.dashboard;

import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.service.EvaluationBook;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Serves the dashboard's first view, rendered from the latest evaluation of every model. */
@Path("/")
public class DashboardResource {

    private final EvaluationBook book;
    private final EvaluationConfig config;

    public DashboardResource(EvaluationBook book, EvaluationConfig config) {
        this.book = book;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return Templates.dashboard(book.latestAll().stream().map(ModelView::of).toList(), config.window().size())
                .render();
    }
}
