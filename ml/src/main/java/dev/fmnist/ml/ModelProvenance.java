package dev.fmnist.ml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.fmnist.contracts.metrics.ConfusionMatrix;

import java.time.Instant;

/**
 * Where a model came from, kept in its file ({@link ModelMetadata#provenance()}) so that the file alone says it.
 * The effective hyper-parameters are in {@link ModelMetadata#hyperParameters()}.
 *
 * @param datasetId   dataset the model was trained on
 * @param datasetHash that dataset's content hash
 * @param jobId       training job that made it
 * @param seed        the job's random seed
 * @param validation  metrics on the validation split, null without one
 * @param test        metrics on the test split, null without one
 * @param trainedAt   when the training finished
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelProvenance(
        String datasetId,
        String datasetHash,
        String jobId,
        Long seed,
        Metrics validation,
        Metrics test,
        Instant trainedAt) {

    /**
     * Headline metrics of a split.
     *
     * @param images   images measured
     * @param accuracy share predicted right
     * @param macroF1  mean F1 over the ten classes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(long images, double accuracy, double macroF1) {

        /** @return the metrics of {@code matrix}, null for null */
        public static Metrics of(ConfusionMatrix matrix) {
            return matrix == null ? null : new Metrics(matrix.total(), matrix.accuracy(), matrix.macroF1());
        }
    }
}
