package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.ingest.source.PathNotAllowedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A path outside the allowed data roots ({@code fmnist.ingest.allowed-roots}): 403 with rule
 * {@code forbidden-path}, the same answer whether the path exists or not.
 */
public class PathNotAllowedMapper {

    @ServerExceptionMapper
    public Response forbidden(PathNotAllowedException e) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.refusal(Response.Status.FORBIDDEN.getStatusCode(), e.getMessage()))
                .build();
    }
}
