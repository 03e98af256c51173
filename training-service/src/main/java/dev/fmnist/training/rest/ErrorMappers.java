package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.kit.Outages;
import dev.fmnist.training.service.ConflictException;
import dev.fmnist.training.service.JobRefusedException;
import dev.fmnist.training.service.NotFoundException;
import dev.fmnist.training.service.StoreException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The service's refusals as HTTP answers with the house's {@link ApiError} body: a refused job 400 (409 when its id
 * is taken) with its rule, an unknown job or model 404, a request the state does not allow 409 (cancelling an ended
 * job, rolling back without an earlier production model). A request that fails because PostgreSQL is unavailable
 * answers 503 with rule {@code dependency-unavailable} and {@code Retry-After}; another database failure 500.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response refused(JobRefusedException e) {
        Response.Status status = e.conflict() ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST;
        return error(ApiError.refusal(status.getStatusCode(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response missing(NotFoundException e) {
        return error(ApiError.of(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return error(ApiError.of(Response.Status.CONFLICT.getStatusCode(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response storeFailed(StoreException e) {
        if (!Outages.isOutage(e)) {
            LOG.error("Request failed", e);
            return error(ApiError.of(500, "internal error: " + e.getClass().getSimpleName()));
        }
        LOG.warnf("Request refused while %s is unavailable: %s", Outages.dependencyOf(e), e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "5")
                .entity(ApiError.refusal(
                        503,
                        "dependency-unavailable: " + Outages.dependencyOf(e) + " is unavailable, try again shortly"))
                .build();
    }

    static Response error(ApiError error) {
        return Response.status(error.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(error)
                .build();
    }
}
