package dev.fmnist.inference.rest;

import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.model.ShadowModels;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /model}: which model serves, and which models are scored in shadow beside it. */
@Path("/model")
public class ModelResource {

    private final ServingModelHolder holder;
    private final ShadowModels shadows;
    private final RegistryFollower follower;

    public ModelResource(ServingModelHolder holder, ShadowModels shadows, RegistryFollower follower) {
        this.holder = holder;
        this.shadows = shadows;
        this.follower = follower;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The production model this instance serves, and the models in shadow it scores")
    @APIResponse(
            responseCode = "200",
            description = "A model serves",
            content = @Content(schema = @Schema(implementation = ServingStatus.class)))
    @APIResponse(
            responseCode = "404",
            description = "No model serves: {\"serving\": false, \"reason\": ...}",
            content = @Content(schema = @Schema(implementation = ServingStatus.class)))
    public Response model() {
        return holder.current()
                .map(model -> Response.ok(ServingStatus.of(model, follower.lastError(), shadows.current()))
                        .build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(ServingStatus.none(follower.noModelReason(), shadows.current()))
                        .build());
    }
}
