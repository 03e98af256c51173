package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.Evaluation;

import java.time.Instant;
import java.util.List;

/**
 * The durable state of one model, as restored on start or read again by the sync of several replicas (all of it
 * from one consistent read).
 *
 * @param modelId       model version
 * @param modelVersion  its version number
 * @param counts        cumulative confusion counts, {@code [true][predicted]}
 * @param firstAt       earliest prediction timestamp counted
 * @param lastAt        latest prediction timestamp counted
 * @param recent        the most recently counted predictions, oldest first (at most W)
 * @param lastPublished the last Evaluation stored for it, or null
 * @param snapshotId    the id of {@code lastPublished} in the stored history, 0 when none
 */
public record ModelState(
        String modelId,
        int modelVersion,
        long[][] counts,
        Instant firstAt,
        Instant lastAt,
        List<LabelledPrediction> recent,
        Evaluation lastPublished,
        long snapshotId) {

    /** A state whose snapshot id is not known. */
    public ModelState(
            String modelId,
            int modelVersion,
            long[][] counts,
            Instant firstAt,
            Instant lastAt,
            List<LabelledPrediction> recent,
            Evaluation lastPublished) {
        this(modelId, modelVersion, counts, firstAt, lastAt, recent, lastPublished, 0);
    }

    /** @return labelled images counted, the sum of {@code counts} */
    public long images() {
        long total = 0;
        for (long[] row : counts) {
            for (long cell : row) {
                total += cell;
            }
        }
        return total;
    }
}
