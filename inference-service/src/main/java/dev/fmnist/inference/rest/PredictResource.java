package dev.fmnist.inference.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fmnist.contracts.ApiError;
import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.inference.model.RegistryFollower;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.inference.model.ServingModelHolder;
import dev.fmnist.inference.service.BatchOutcome;
import dev.fmnist.inference.service.BatchPredictor;
import dev.fmnist.inference.service.InferenceMetrics;
import dev.fmnist.inference.service.InputRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /predict}: classifies one image with the serving model, outside Kafka (nothing is published). The
 * image is checked with the same contract rules as the input topic; a bad one gets a 4xx with the rule and reason,
 * and 503 says that no model serves yet. {@code ?include=input} adds the 28x28 grey levels the model saw to the
 * answer (for a person checking what an uploaded photo became); without it the answer is the plain Prediction.
 */
@Path("/predict")
@Produces(MediaType.APPLICATION_JSON)
public class PredictResource {

    /** The {@code topic} of rejections produced by this endpoint. */
    static final String SOURCE = "POST /predict";

    /** The one {@code ?include=} value: the 28x28 grey levels the model saw, as {@code "input"}. */
    static final String INCLUDE_INPUT = "input";

    private static final String INCLUDE_DOC = "include=input adds \"input\": {\"width\": 28, \"height\": 28, "
            + "\"pixels\": base64 of the 784 grey levels the model saw}; any other value is refused with 400";

    static final String IMAGE_PNG = "image/png";
    static final String IMAGE_JPEG = "image/jpeg";

    private final ServingModelHolder holder;
    private final BatchPredictor predictor;
    private final InferenceMetrics metrics;
    private final RegistryFollower follower;

    public PredictResource(
            ServingModelHolder holder, BatchPredictor predictor, InferenceMetrics metrics, RegistryFollower follower) {
        this.holder = holder;
        this.predictor = predictor;
        this.metrics = metrics;
        this.follower = follower;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify an InputImage (raw pixels or base64 PNG/JPEG), as on fmnist.images.input")
    @APIResponse(
            responseCode = "200",
            description = "The prediction (with ?include=input, plus \"input\": the 28x28 grey levels the model saw)",
            content = @Content(schema = @Schema(implementation = Prediction.class)))
    @APIResponse(
            responseCode = "400",
            description = "The image breaks an input rule, or ?include= names something other than input",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "413",
            description = "The record is larger than fmnist.inference.max-record-bytes",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(
            responseCode = "503",
            description = "No production model serves yet",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response predictJson(
            byte[] body, @Parameter(description = INCLUDE_DOC) @QueryParam("include") List<String> include) {
        return predict(body, include, Instant.now());
    }

    @POST
    @Consumes({IMAGE_PNG, IMAGE_JPEG})
    @Operation(summary = "Classify a PNG or JPEG of any size (converted to 28x28 grey levels like ingest does)")
    public Response predictImage(
            byte[] body,
            @Parameter(description = "image id (a random UUID when absent)") @QueryParam("id") String id,
            @Parameter(description = "optional ground truth 0..9") @QueryParam("label") String label,
            @Parameter(description = INCLUDE_DOC) @QueryParam("include") List<String> include) {
        Instant arrivedAt = Instant.now();
        return predict(asInputImage(id, body, label), include, arrivedAt);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify an uploaded PNG or JPEG (form field 'file'; optional fields 'id' and 'label')")
    public Response predictUpload(
            @RestForm("file") FileUpload file,
            @RestForm("id") String id,
            @RestForm("label") String label,
            @Parameter(description = INCLUDE_DOC) @QueryParam("include") List<String> include) {
        Instant arrivedAt = Instant.now();
        if (file == null) {
            return problem(Response.Status.BAD_REQUEST, "missing-image: the form has no 'file' part");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            return problem(Response.Status.BAD_REQUEST, "missing-image: the uploaded file cannot be read");
        }
        return predict(asInputImage(id, bytes, label), include, arrivedAt);
    }

    private Response predict(byte[] inputImageJson, List<String> include, Instant arrivedAt) {
        String unknown = unknownInclude(include);
        if (unknown != null) {
            return problem(
                    Response.Status.BAD_REQUEST,
                    "unknown-include: include=" + unknown + " is not known; the only value is '" + INCLUDE_INPUT + "'");
        }
        InputRecord record = new InputRecord(SOURCE, null, inputImageJson, arrivedAt);
        Decoded<DecodedImage> decoded = predictor.validate(record);
        if (!decoded.isAccepted()) {
            metrics.restRequest(new BatchOutcome(List.of(), List.of(decoded.rejection()), 0));
            String reason = decoded.rejection().reason();
            return problem(
                    reason.startsWith("record-too-large")
                            ? Response.Status.REQUEST_ENTITY_TOO_LARGE
                            : Response.Status.BAD_REQUEST,
                    reason);
        }
        Optional<ServingModel> model = holder.current();
        if (model.isEmpty()) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, follower.noModelReason());
        }
        BatchOutcome outcome = predictor.predict(decoded.value(), arrivedAt, model.get());
        metrics.restRequest(outcome);
        Prediction prediction = outcome.predictions().get(0);
        if (include == null || include.isEmpty()) {
            return Response.ok(JsonCodec.toBytes(prediction), MediaType.APPLICATION_JSON)
                    .build();
        }
        ObjectNode answer = JsonCodec.mapper().valueToTree(prediction);
        ObjectNode input = answer.putObject("input");
        input.put("width", ImageGeometry.SIDE);
        input.put("height", ImageGeometry.SIDE);
        input.put("pixels", Base64.getEncoder().encodeToString(decoded.value().pixels()));
        return Response.ok(JsonCodec.toBytes(answer), MediaType.APPLICATION_JSON)
                .build();
    }

    /** @return the first {@code include} value (of a list or a comma-separated one) that is not known, or null */
    private static String unknownInclude(List<String> include) {
        if (include == null) {
            return null;
        }
        for (String value : include) {
            for (String part : value.split(",", -1)) {
                if (!part.strip().equals(INCLUDE_INPUT)) {
                    return "'" + part.strip() + "'";
                }
            }
        }
        return null;
    }

    /** Wraps an uploaded image as the InputImage JSON a Kafka client would send, so the same rules apply. */
    private static byte[] asInputImage(String id, byte[] image, String label) {
        ObjectNode node = JsonCodec.mapper().createObjectNode();
        node.put("id", id == null || id.isBlank() ? UUID.randomUUID().toString() : id);
        node.put("png", Base64.getEncoder().encodeToString(image));
        if (label != null && !label.isBlank()) {
            try {
                node.put("label", Integer.parseInt(label.trim()));
            } catch (NumberFormatException e) {
                node.put("label", label);
            }
        }
        return JsonCodec.toBytes(node);
    }

    private static Response problem(Response.Status status, String reason) {
        return Response.status(status)
                .entity(ApiError.refusal(status.getStatusCode(), reason))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }
}
