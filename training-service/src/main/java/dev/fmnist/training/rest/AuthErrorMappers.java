package dev.fmnist.training.rest;

import dev.fmnist.contracts.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The answers of Quarkus security on the mutating endpoints ({@code @RolesAllowed("operator")}), with the house's
 * {@link ApiError} body instead of an empty one. Authentication is lazy ({@code quarkus.http.auth.proactive=false}),
 * so a bad token on an open {@code GET} is ignored and these mappers see every refusal.
 */
public class AuthErrorMappers {

    /**
     * No bearer token, or one that does not verify (signature, issuer, expiry): 401 with a
     * {@code WWW-Authenticate: Bearer} challenge. The reason does not say which check failed.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return error(
                        Response.Status.UNAUTHORIZED,
                        "authentication required: send 'Authorization: Bearer <token>'"
                                + " signed by the configured issuer (./fmnist token prints one)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** A valid token without the role {@code operator}: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN, "forbidden: this endpoint needs the role 'operator'")
                .build();
    }

    private static Response.ResponseBuilder error(Response.Status status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(status.getStatusCode(), reason));
    }
}
