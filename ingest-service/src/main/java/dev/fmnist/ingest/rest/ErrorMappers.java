package dev.fmnist.ingest.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.ingest.service.CatalogException;
import dev.fmnist.ingest.service.DatasetConflictException;
import dev.fmnist.ingest.service.InvalidRequestException;
import dev.fmnist.ingest.service.PublishException;
import dev.fmnist.ingest.service.UnknownDatasetException;
import dev.fmnist.ingest.source.SourceException;
import dev.fmnist.ingest.source.SourceNotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the service's refusals into answers with a reason. */
public class ErrorMappers {

    /** A path that does not exist or holds nothing to read: 400. */
    @ServerExceptionMapper
    public Response notFound(SourceNotFoundException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** A file refused as a whole (corrupt, truncated, checksum): 422. */
    @ServerExceptionMapper
    public Response refused(SourceException e) {
        return error(422, e.getMessage());
    }

    /** Bad names, splits, rates, kinds: 400. */
    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** Unknown dataset: 404. */
    @ServerExceptionMapper
    public Response unknown(UnknownDatasetException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    /** The name holds other content: 409. */
    @ServerExceptionMapper
    public Response conflict(DatasetConflictException e) {
        return error(Response.Status.CONFLICT, e.getMessage());
    }

    /** Kafka or the catalog failed: 503 (nothing was announced). */
    @ServerExceptionMapper({PublishException.class, CatalogException.class})
    public Response unavailable(RuntimeException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /**
     * A mutation without a bearer token, or with one that does not verify (signature, issuer, expiry): 401 with a
     * {@code WWW-Authenticate: Bearer} challenge. The reason does not say which check failed.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(
                        error(
                                Response.Status.UNAUTHORIZED,
                                "authentication required: send "
                                        + "'Authorization: Bearer <token>' signed by the configured issuer (./fmnist token prints one)"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** A valid token without the {@code operator} role: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN, "forbidden: this endpoint needs the role 'operator'");
    }

    private static Response error(Response.Status status, String reason) {
        return error(status.getStatusCode(), reason);
    }

    private static Response error(int status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(status, reason))
                .build();
    }
}
