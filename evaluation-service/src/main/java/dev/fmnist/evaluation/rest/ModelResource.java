package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.ModelOverview;
import dev.fmnist.evaluation.service.ModelRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;
import java.util.Optional;

/** Which model is which: the registry's view of every model (from fmnist.models) beside its live figures. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "models",
        description = "Registry status and registered test accuracy of each model, beside its live accuracy")
public class ModelResource {

    private final ModelRegistry registry;
    private final EvaluationBook book;
    private final ModelStream stream;

    public ModelResource(ModelRegistry registry, EvaluationBook book, ModelStream stream) {
        this.registry = registry;
        this.book = book;
        this.stream = stream;
    }

    @GET
    @Operation(
            summary = "Every model: registry status and registered test accuracy vs live accuracy",
            description = "Each model seen on fmnist.models or evaluated from fmnist.predictions: name, version, "
                    + "architecture, status and its change time, the test accuracy it was registered with "
                    + "(metrics.testAccuracy), and the cumulative accuracy and image count of its latest "
                    + "Evaluation. Registry fields are null for a model never seen on fmnist.models; live fields are "
                    + "null (count 0) before its first Evaluation. The production model comes first, then by id.")
    @APIResponse(
            responseCode = "200",
            description = "One entry per model (empty before any)",
            content = @Content(schema = @Schema(implementation = ModelOverview.class, type = SchemaType.ARRAY)))
    public List<ModelOverview> all() {
        return ModelOverview.join(registry.all(), book.latestAll());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Server-sent events of registry changes",
            description = "Each time a model's registry entry changes (a newer event on fmnist.models), its entry as "
                    + "in GET /api/models.")
    public Multi<ModelOverview> stream() {
        return stream.live()
                .map(id -> ModelOverview.of(
                        registry.get(id).orElse(null), latest(id).orElse(null)));
    }

    private Optional<Evaluation> latest(String modelId) {
        return book.latest(modelId);
    }
}
