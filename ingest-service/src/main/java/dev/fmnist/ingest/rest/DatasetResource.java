package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.ingest.IngestResponse;
import dev.fmnist.contracts.api.ingest.ReplayState;
import dev.fmnist.ingest.service.DatasetIngestor;
import dev.fmnist.ingest.service.DatasetStore;
import dev.fmnist.ingest.service.IngestOutcome;
import dev.fmnist.ingest.service.IngestRequest;
import dev.fmnist.ingest.service.InvalidRequestException;
import dev.fmnist.ingest.service.ReplayRequest;
import dev.fmnist.ingest.service.ReplayService;
import dev.fmnist.ingest.service.UnknownDatasetException;
import dev.fmnist.ingest.source.SourceKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The dataset API. {@code POST /datasets} is synchronous: it answers once the dataset is published and announced
 * (seconds for the 70,000 official images). Replays run in the background: {@code 202} with the replay's state.
 *
 * <p>Both {@code POST}s need a bearer token with the role {@code operator} (401 without a valid token, 403 without
 * the role: {@link ErrorMappers}); the {@code GET}s are open. See docs/security.md.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "datasets", description = "Ingest, list, describe and replay datasets")
public class DatasetResource {

    private final DatasetIngestor ingestor;
    private final DatasetStore catalog;
    private final ReplayService replays;

    public DatasetResource(DatasetIngestor ingestor, DatasetStore catalog, ReplayService replays) {
        this.ingestor = ingestor;
        this.catalog = catalog;
        this.replays = replays;
    }

    @POST
    @RolesAllowed("operator")
    @Operation(
            summary = "Ingest a source",
            description = "Reads and verifies the source, publishes each split to fmnist.datasets.<name>.<split>,"
                    + " refused rows to fmnist.rejected, then announces DatasetReady on fmnist.datasets. Answers"
                    + " when done. The same content again is a no-op unless force is set.")
    @APIResponse(
            responseCode = "201",
            description = "published and announced",
            content = @Content(schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(
            responseCode = "200",
            description = "the same content was already published: nothing done",
            content = @Content(schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "unknown path, bad kind, name or split",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "409",
            description = "the name already holds other content (use force)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "422",
            description = "a file refused: corrupt, truncated, wrong header, checksum",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka or the catalog failed; nothing was announced",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response ingest(IngestBody body) {
        IngestOutcome outcome = ingestor.ingest(request(body));
        Response.Status status =
                outcome.result() == IngestResponse.Result.PUBLISHED ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(ApiViews.of(outcome)).build();
    }

    @GET
    @Operation(summary = "List catalogued datasets, newest first")
    public List<DatasetView> list() {
        return catalog.list().stream().map(ApiViews::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Describe a dataset, with the class distribution of each split")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(
            responseCode = "404",
            description = "no dataset with this id or name",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DatasetView get(
            @Parameter(description = "dataset id, or a name (its ready dataset)") @PathParam("id") String id) {
        return ApiViews.of(replays.dataset(id));
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed("operator")
    @Operation(
            summary = "Replay a split to fmnist.images.input",
            description = "Publishes the split's images, with their labels and dataset ids, in id order, at the"
                    + " given rate (images/s) or as fast as possible, up to the limit. Runs in the background.")
    @APIResponse(
            responseCode = "202",
            description = "replay started",
            content = @Content(schema = @Schema(implementation = ReplayState.class)))
    @APIResponse(
            responseCode = "400",
            description = "missing or unknown split, negative rate or limit",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "no dataset with this id or name",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response replay(
            @Parameter(description = "dataset id, or a name (its ready dataset)") @PathParam("id") String id,
            ReplayBody body) {
        if (body == null) {
            throw new InvalidRequestException("a body {\"split\": ..., \"rate\": ..., \"limit\": ...} is required");
        }
        ReplayState replay = replays.start(id, new ReplayRequest(body.split(), body.rate(), body.limit()));
        return Response.accepted(replay).build();
    }

    @GET
    @Path("/{id}/replays/{replayId}")
    @Operation(summary = "State of a replay")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayState.class)))
    @APIResponse(
            responseCode = "404",
            description = "no such replay",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ReplayState replayState(@PathParam("id") String id, @PathParam("replayId") String replayId) {
        return replays.find(replayId).orElseThrow(() -> new UnknownDatasetException("no replay " + replayId));
    }

    private static IngestRequest request(IngestBody body) {
        if (body == null) {
            return IngestRequest.official();
        }
        SourceKind kind;
        try {
            kind = body.kind() == null ? SourceKind.IDX : SourceKind.parse(body.kind());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return new IngestRequest(
                kind,
                body.path(),
                body.name(),
                body.split(),
                Boolean.TRUE.equals(body.force()),
                body.verify(),
                body.expectedSha256());
    }
}
