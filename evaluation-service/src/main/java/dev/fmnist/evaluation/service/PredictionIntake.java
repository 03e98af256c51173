package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.RecordDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a batch of {@code fmnist.predictions} records and sorts them: refused records (with their Rejection),
 * predictions without a {@code trueLabel} (valid but not counted), and labelled predictions, where a (model, image)
 * pair seen twice in the batch keeps its first occurrence. Every valid prediction, labelled or not, is also listed
 * as decoded (for the drift window, {@link PredictionObserver}).
 */
public final class PredictionIntake {

    /** Name stamped on the rejections this service publishes. */
    public static final String SERVICE = "evaluation-service";

    private final RecordDecoder decoder = new RecordDecoder(SERVICE);

    /**
     * @param records a batch in consumption order
     * @return the sorted batch
     */
    public Sorted sort(List<RawRecord> records) {
        List<Rejection> rejections = new ArrayList<>();
        Map<LabelledPrediction.Key, LabelledPrediction> labelled = new LinkedHashMap<>();
        List<Prediction> valid = new ArrayList<>(records.size());
        int unlabelled = 0;
        int repeatedInBatch = 0;
        for (RawRecord record : records) {
            Decoded<Prediction> decoded =
                    decoder.decode(record.topic(), record.key(), record.value(), Prediction.class);
            if (!decoded.isAccepted()) {
                rejections.add(decoded.rejection());
                continue;
            }
            Prediction prediction = decoded.value();
            valid.add(prediction);
            if (prediction.trueLabel() == null) {
                unlabelled++;
                continue;
            }
            LabelledPrediction counted = new LabelledPrediction(
                    prediction.modelId(),
                    prediction.modelVersion(),
                    prediction.id(),
                    prediction.trueLabel(),
                    prediction.label(),
                    prediction.timestamp() != null ? prediction.timestamp() : record.timestamp(),
                    prediction.probabilities());
            if (labelled.putIfAbsent(counted.key(), counted) != null) {
                repeatedInBatch++;
            }
        }
        return new Sorted(List.copyOf(labelled.values()), rejections, unlabelled, repeatedInBatch, valid);
    }

    /**
     * A sorted batch.
     *
     * @param labelled        labelled predictions, one per (model, image), in consumption order
     * @param rejections      refused records
     * @param unlabelled      valid predictions without ground truth
     * @param repeatedInBatch labelled predictions dropped because the same (model, image) came earlier in the batch
     * @param valid           every valid prediction, labelled or not, in consumption order
     */
    public record Sorted(
            List<LabelledPrediction> labelled,
            List<Rejection> rejections,
            int unlabelled,
            int repeatedInBatch,
            List<Prediction> valid) {}
}
