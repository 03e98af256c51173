package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.ApiError;
import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.persistence.JdbcAlertStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** The alerts raised and cleared, as sent on fmnist.alerts. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts", description = "Quality drops, prediction and input drift, challenger verdicts")
public class AlertResource {

    private final JdbcAlertStore alerts;
    private final EvaluationConfig config;

    public AlertResource(JdbcAlertStore alerts, EvaluationConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "The newest alerts, newest first",
            description = "Every Alert raised or cleared (QUALITY_DROP, PREDICTION_DRIFT, INPUT_DRIFT, "
                    + "CHALLENGER_VERDICT), as sent on fmnist.alerts, across all models.")
    @APIResponse(
            responseCode = "200",
            description = "The newest `limit` alerts (empty before any)",
            content = @Content(schema = @Schema(implementation = Alert.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "limit is not between 1 and the configured maximum",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response latest(
            @Parameter(description = "how many of the newest alerts (default 50)") @QueryParam("limit") Integer limit) {
        int n = limit == null ? config.alerts().defaultLimit() : limit;
        Optional<Response> refused = Answers.outsideLimit(n, config.alerts().maxLimit());
        if (refused.isPresent()) {
            return refused.get();
        }
        return Response.ok(alerts.latest(n)).build();
    }
}
