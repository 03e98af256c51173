package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * One classified image, on {@code fmnist.predictions}.
 *
 * @param id            the input image id
 * @param modelId       the registered model version that predicted it
 * @param modelVersion  that model's version number
 * @param label         predicted class 0..9 (required: a record without it is refused, never read as 0)
 * @param className     name of the predicted class
 * @param probabilities ten class probabilities summing to 1
 * @param trueLabel     ground truth when the input had one, else null
 * @param latencyMs     time from the record's arrival to the prediction
 * @param timestamp     when it was predicted
 * @param role          {@code "production"} on {@code fmnist.predictions}, {@code "shadow"} on
 *                      {@code fmnist.predictions.shadow} (extension; absent from older producers, read as production)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prediction(
        String id,
        String modelId,
        @JsonProperty(required = true) int modelVersion,
        @JsonProperty(required = true) int label,
        String className,
        double[] probabilities,
        Integer trueLabel,
        double latencyMs,
        Instant timestamp,
        String role)
        implements Checkable {

    /** {@link #role()} of a prediction by the production model. */
    public static final String PRODUCTION = "production";

    /** {@link #role()} of a prediction by a model in shadow. */
    public static final String SHADOW = "shadow";

    /** A prediction without a role (read as production). */
    public Prediction(
            String id,
            String modelId,
            int modelVersion,
            int label,
            String className,
            double[] probabilities,
            Integer trueLabel,
            double latencyMs,
            Instant timestamp) {
        this(id, modelId, modelVersion, label, className, probabilities, trueLabel, latencyMs, timestamp, null);
    }

    /** @return this prediction with {@code role} */
    public Prediction withRole(String role) {
        return new Prediction(
                id, modelId, modelVersion, label, className, probabilities, trueLabel, latencyMs, timestamp, role);
    }

    @Override
    public String problem() {
        String idProblem = Identifiers.problem("id", id);
        if (idProblem != null) {
            return idProblem;
        }
        String modelProblem = Identifiers.problem("modelId", modelId);
        if (modelProblem != null) {
            return modelProblem;
        }
        if (!FashionLabels.isValid(label)) {
            return "label must be an integer 0..9, was " + label;
        }
        if (probabilities == null || probabilities.length != FashionLabels.COUNT) {
            return "probabilities must hold 10 numbers";
        }
        if (trueLabel != null && !FashionLabels.isValid(trueLabel)) {
            return "trueLabel must be an integer 0..9, was " + trueLabel;
        }
        if (role != null && !PRODUCTION.equals(role) && !SHADOW.equals(role)) {
            return "role must be \"production\" or \"shadow\"";
        }
        return null;
    }
}
