package dev.fmnist.evaluation.rest;

import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.evaluation.config.EvaluationConfig;
import dev.fmnist.evaluation.service.CellSample;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.SampleStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** The retained samples of a model's confusion-matrix cells, with the input images' pixels, and its mistakes. */
@Path("/api/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "Cumulative quality of each model, as emitted on fmnist.evaluations")
public class SampleResource {

    private final SampleStore samples;
    private final EvaluationBook book;
    private final EvaluationConfig config;

    public SampleResource(SampleStore samples, EvaluationBook book, EvaluationConfig config) {
        this.samples = samples;
        this.book = book;
        this.config = config;
    }

    @GET
    @Path("/{modelId}/cells/{trueLabel}/{predictedLabel}")
    @Operation(
            summary = "Retained samples of one confusion-matrix cell, newest first",
            description = "The newest counted predictions of the model whose true label and predicted label are the "
                    + "cell's (at most K are retained per cell, fmnist.evaluation.samples.per-cell), each with its "
                    + "probabilities, timestamp and the 28×28 grey levels of its input image from "
                    + "fmnist.images.input (base64 of 784 bytes, row-major; null when the image is not retained).")
    @APIResponse(
            responseCode = "200",
            description = "The cell's samples (empty when none)",
            content = @Content(schema = @Schema(implementation = CellSample.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "A label is not an integer 0..9, or limit is not between 1 and K",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "No labelled prediction of this model has been evaluated yet",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response cell(
            @Parameter(description = "model id, as in Prediction.modelId") @PathParam("modelId") String modelId,
            @Parameter(description = "true label 0..9 (the matrix row)") @PathParam("trueLabel") String trueLabel,
            @Parameter(description = "predicted label 0..9 (the matrix column)") @PathParam("predictedLabel")
                    String predictedLabel,
            @Parameter(description = "how many of the newest samples (default and maximum: K)") @QueryParam("limit")
                    Integer limit) {
        Integer row = label(trueLabel);
        if (row == null) {
            return Answers.problem(Response.Status.BAD_REQUEST, badLabel("trueLabel", trueLabel));
        }
        Integer column = label(predictedLabel);
        if (column == null) {
            return Answers.problem(Response.Status.BAD_REQUEST, badLabel("predictedLabel", predictedLabel));
        }
        int max = Math.max(1, config.samples().perCell());
        int n = limit == null ? max : limit;
        Optional<Response> refused = Answers.outsideLimit(n, max);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!book.knows(modelId)) {
            return Answers.unknownModel(modelId);
        }
        return Response.ok(samples.cell(modelId, row, column, n)).build();
    }

    @GET
    @Path("/{modelId}/mistakes")
    @Operation(
            summary = "Newest misclassified samples of one model, newest first",
            description = "The newest retained samples whose predicted label is not the true one, from all "
                    + "off-diagonal cells (each cell retains at most K), in the same form as a cell's samples.")
    @APIResponse(
            responseCode = "200",
            description = "The model's retained mistakes (empty when none)",
            content = @Content(schema = @Schema(implementation = CellSample.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "400",
            description = "limit is not between 1 and the configured maximum",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "404",
            description = "No labelled prediction of this model has been evaluated yet",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response mistakes(
            @Parameter(description = "model id, as in Prediction.modelId") @PathParam("modelId") String modelId,
            @Parameter(description = "how many of the newest mistakes (default 24, at most 200)") @QueryParam("limit")
                    Integer limit) {
        int max = config.samples().mistakesMaxLimit();
        int n = limit == null ? config.samples().mistakesDefaultLimit() : limit;
        Optional<Response> refused = Answers.outsideLimit(n, max);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!book.knows(modelId)) {
            return Answers.unknownModel(modelId);
        }
        return Response.ok(samples.mistakes(modelId, n)).build();
    }

    private static Integer label(String text) {
        try {
            int label = Integer.parseInt(text);
            return FashionLabels.isValid(label) ? label : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String badLabel(String name, String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return name + " must be an integer 0..9, was " + shown;
    }
}
