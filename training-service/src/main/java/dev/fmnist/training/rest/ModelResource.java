package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.kit.Outages;
import dev.fmnist.training.persistence.ModelRepository;
import dev.fmnist.training.registry.ModelRegistry;
import dev.fmnist.training.registry.ModelVersion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The model registry over HTTP. Reads are open; promote and rollback need the role {@code operator}
 * ({@link AuthErrorMappers}).
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRepository models;
    private final ModelRegistry registry;

    public ModelResource(ModelRepository models, ModelRegistry registry) {
        this.models = models;
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Model versions, newest first; ?status=PRODUCTION|REGISTERED|ARCHIVED filters")
    public List<ModelView> list(@QueryParam("status") String status) {
        ModelStatus filter = status == null || status.isBlank()
                ? null
                : ModelStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        return models.list(filter).stream()
                .map(m -> new ModelView(m, registry.artifactUrl(m.modelId()), null))
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One model version with its metrics and status history")
    public ModelView get(@PathParam("id") String id) {
        ModelVersion model = models.find(id).orElseThrow(() -> new NotFoundException("no model " + id));
        return new ModelView(model, registry.artifactUrl(id), models.history(id));
    }

    @GET
    @Path("{id}/artifact")
    @Produces("application/zip")
    @Operation(summary = "The model file (ModelBundle zip); its SHA-256 is in X-Artifact-Sha256 and the ETag")
    public Response artifact(@PathParam("id") String id) {
        ModelVersion model = models.find(id).orElseThrow(() -> new NotFoundException("no model " + id));
        byte[] bytes = models.artifact(id).orElseThrow(() -> new NotFoundException("no model " + id));
        return Response.ok(bytes, "application/zip")
                .header("X-Artifact-Sha256", model.artifactSha256())
                .header("ETag", "\"" + model.artifactSha256() + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"")
                .build();
    }

    @POST
    @Path("{id}/promote")
    @RolesAllowed("operator")
    @Operation(summary = "Put this version into production by hand (the current one is archived)")
    public ModelView promote(@PathParam("id") String id, @QueryParam("reason") String reason) {
        ModelVersion model = registry.promote(id, reason);
        return new ModelView(model, registry.artifactUrl(id), models.history(id));
    }

    @POST
    @Path("rollback")
    @RolesAllowed("operator")
    @Operation(summary = "Archive the production version and restore the one in production before it")
    public ModelView rollback() {
        ModelVersion model = registry.rollback();
        return new ModelView(model, registry.artifactUrl(model.modelId()), models.history(model.modelId()));
    }

    @ServerExceptionMapper({NoSuchElementException.class, NotFoundException.class})
    public Response missing(RuntimeException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        if (Outages.isOutage(e)) {
            return OutageErrors.unavailable(e);
        }
        return error(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badStatus(IllegalArgumentException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(status.getStatusCode(), reason))
                .build();
    }
}
