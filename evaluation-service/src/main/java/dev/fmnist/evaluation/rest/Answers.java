package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** The evaluation API's refusals, worded once: an ApiError body with the status and its reason. */
final class Answers {

    private Answers() {}

    /** @return {@code status} with an ApiError naming {@code reason} */
    static Response problem(Response.Status status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(status.getStatusCode(), reason))
                .build();
    }

    /** @return 404: nothing of this model has been evaluated */
    static Response unknownModel(String modelId) {
        return problem(
                Response.Status.NOT_FOUND, "no labelled prediction of model '" + modelId + "' has been evaluated yet");
    }

    /** @return 400 when a {@code limit} of {@code n} is not 1..{@code max}, else empty */
    static Optional<Response> outsideLimit(int n, int max) {
        return n < 1 || n > max
                ? Optional.of(problem(Response.Status.BAD_REQUEST, "limit must be 1.." + max + ", was " + n))
                : Optional.empty();
    }
}
