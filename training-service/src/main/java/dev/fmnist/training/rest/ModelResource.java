package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.training.service.ModelRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.security.Principal;
import java.util.List;
import java.util.Locale;

/**
 * The model registry over HTTP. Reads are open; promote, rollback, shadow and unshadow need the role
 * {@code operator} ({@link AuthErrorMappers}), whose token's principal name is kept in the status history; the
 * registry's refusals become HTTP errors in {@link ErrorMappers}.
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Model versions, newest first; ?status=PRODUCTION|SHADOW|REGISTERED|ARCHIVED filters")
    public List<ModelEntry> list(@QueryParam("status") String status) {
        return registry.list(status == null || status.isBlank() ? null : status(status));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One model version with its metrics and status history")
    public ModelEntry get(@PathParam("id") String id) {
        return registry.entry(id);
    }

    @GET
    @Path("{id}/artifact")
    @Produces("application/zip")
    @Operation(summary = "The model file (ModelBundle zip); its SHA-256 is in X-Artifact-Sha256 and the ETag")
    public Response artifact(@PathParam("id") String id) {
        ModelRegistry.Artifact artifact = registry.artifact(id);
        return Response.ok(artifact.bytes(), "application/zip")
                .header("X-Artifact-Sha256", artifact.sha256())
                .header("ETag", "\"" + artifact.sha256() + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"")
                .build();
    }

    @POST
    @Path("{id}/promote")
    @RolesAllowed("operator")
    @Operation(summary = "Put this version into production by hand (the current one is archived)")
    public ModelEntry promote(
            @PathParam("id") String id, @QueryParam("reason") String reason, @Context SecurityContext security) {
        return registry.entry(registry.promote(id, reason, principal(security)));
    }

    @POST
    @Path("rollback")
    @RolesAllowed("operator")
    @Operation(summary = "Archive the production version and restore the one in production before it")
    public ModelEntry rollback(@Context SecurityContext security) {
        return registry.entry(registry.rollback(principal(security)));
    }

    @POST
    @Path("{id}/shadow")
    @RolesAllowed("operator")
    @Operation(
            summary = "Put this version in shadow: scored beside production on the same inputs (REGISTERED or"
                    + " ARCHIVED; 409 in production or beyond fmnist.training.registry.max-shadows)")
    public ModelEntry shadow(
            @PathParam("id") String id, @QueryParam("reason") String reason, @Context SecurityContext security) {
        return registry.entry(registry.shadow(id, reason, principal(security)));
    }

    @DELETE
    @Path("{id}/shadow")
    @RolesAllowed("operator")
    @Operation(summary = "Take this version out of shadow: REGISTERED again (409 when it is not in shadow)")
    public ModelEntry unshadow(
            @PathParam("id") String id, @QueryParam("reason") String reason, @Context SecurityContext security) {
        return registry.entry(registry.unshadow(id, reason, principal(security)));
    }

    /** @return the token's principal name, null when it has none */
    private static String principal(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    /** An unknown {@code ?status=}: 400 naming it. */
    @ServerExceptionMapper
    public Response badStatus(BadRequestException e) {
        return ErrorMappers.error(ApiError.of(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage()));
    }

    /** @throws BadRequestException naming the status when it is not one */
    private static ModelStatus status(String name) {
        try {
            return ModelStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
