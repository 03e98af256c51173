package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.persistence.SnapshotRepository;
import dev.fmnist.evaluation.service.EvaluationBook;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;
import java.util.Optional;

/** The evaluations of every model: latest, per model, history, and a live stream. */
@Path("/api/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "Cumulative quality of each model, as emitted on fmnist.evaluations")
public class EvaluationResource {

    private final EvaluationBook book;
    private final SnapshotRepository snapshots;
    private final EvaluationStream stream;
    private final EvaluationConfig config;

    public EvaluationResource(
            EvaluationBook book, SnapshotRepository snapshots, EvaluationStream stream, EvaluationConfig config) {
        this.book = book;
        this.snapshots = snapshots;
        this.stream = stream;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Latest evaluation of every model",
            description = "The last emitted Evaluation of each model, ordered by model id. Top-level figures are "
                    + "cumulative since the topic's beginning; `recent` holds the same figures over the last W "
                    + "labelled predictions.")
    @APIResponse(
            responseCode = "200",
            description = "One Evaluation per model (empty before any labelled prediction)",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = Evaluation.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    public List<Evaluation> latest() {
        return book.latestAll();
    }

    @GET
    @Path("/{modelId}")
    @Operation(summary = "Latest evaluation of one model")
    @APIResponse(
            responseCode = "200",
            description = "The model's last emitted Evaluation",
            content = @Content(schema = @Schema(implementation = Evaluation.class)))
    @APIResponse(
            responseCode = "404",
            description = "No labelled prediction of this model has been evaluated yet",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response latest(
            @Parameter(description = "model id, as in Prediction.modelId") @PathParam("modelId") String modelId) {
        return book.latest(modelId).map(e -> Response.ok(e).build()).orElseGet(() -> Answers.unknownModel(modelId));
    }

    @GET
    @Path("/{modelId}/history")
    @Operation(
            summary = "Emitted evaluations of one model, oldest first",
            description = "The newest `limit` snapshots stored for the model, in the order they were emitted.")
    @APIResponse(
            responseCode = "200",
            description = "The model's snapshots",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = Evaluation.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "limit is not between 1 and the configured maximum",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "No labelled prediction of this model has been evaluated yet",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response history(
            @PathParam("modelId") String modelId,
            @Parameter(description = "how many of the newest snapshots (default 100)") @QueryParam("limit")
                    Integer limit) {
        int max = config.history().maxLimit();
        int n = limit == null ? config.history().defaultLimit() : limit;
        Optional<Response> refused = Answers.outsideLimit(n, max);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!book.knows(modelId)) {
            return Answers.unknownModel(modelId);
        }
        return Response.ok(snapshots.history(modelId, n)).build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Server-sent events of evaluations",
            description = "First the latest Evaluation of every model, then each Evaluation as it is emitted; every "
                    + "event's data is one Evaluation as JSON.")
    public Multi<Evaluation> stream() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(book.latestAll()), stream.live());
    }
}
