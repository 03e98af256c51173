package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.kit.Outages;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that fails because PostgreSQL or Kafka is unavailable answers 503 with rule {@code dependency-unavailable}
 * and {@code Retry-After}, not a 409 or a bare 500. The persistence layer reports database errors as
 * {@link IllegalStateException}; outside {@link ModelResource} (whose own mapper keeps 409 for registry conflicts)
 * one that is not an outage answers 500 with the house's body.
 */
public class OutageErrors {

    private static final Logger LOG = Logger.getLogger(OutageErrors.class);

    @ServerExceptionMapper
    public Response databaseError(IllegalStateException e) {
        if (Outages.isOutage(e)) {
            return unavailable(e);
        }
        LOG.error("Request failed", e);
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(500, "internal error: " + e.getClass().getSimpleName()))
                .build();
    }

    static Response unavailable(RuntimeException e) {
        LOG.warnf("Request refused while %s is unavailable: %s", Outages.dependencyOf(e), e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .header("Retry-After", "5")
                .entity(ApiError.refusal(
                        503,
                        "dependency-unavailable: " + Outages.dependencyOf(e) + " is unavailable, try again shortly"))
                .build();
    }
}
