package dev.fmnist.evaluation.rest;

import dev.fmnist.evaluation.comparison.ChallengerStanding;
import dev.fmnist.evaluation.comparison.Comparisons;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The challengers: the latest comparison of each model in shadow with the production model. */
@Path("/api/comparisons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "comparisons", description = "Models in shadow against the production model, on the same images")
public class ComparisonResource {

    private final Comparisons comparisons;

    public ComparisonResource(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    @GET
    @Operation(
            summary = "The latest comparison of each model in shadow with the production model",
            description = "One entry per model the registry has in SHADOW whose Evaluation carried a comparison: "
                    + "its id and version, the comparison (paired images, b and c, both accuracies, the delta with "
                    + "its 95 % interval, McNemar's exact p, per-class F1 deltas, verdict) and the time of that "
                    + "Evaluation. By model id; empty when no model is in shadow.")
    @APIResponse(
            responseCode = "200",
            description = "One entry per model in shadow (empty before any)",
            content = @Content(schema = @Schema(implementation = ChallengerStanding.class, type = SchemaType.ARRAY)))
    public List<ChallengerStanding> all() {
        return comparisons.standings();
    }
}
