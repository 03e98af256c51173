package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Progress of a training job, on {@code fmnist.training.progress} (key = job id): once per epoch, every N batches,
 * and on every status change.
 *
 * @param jobId              the job
 * @param status             its status
 * @param epoch              current epoch, 1-based (0 before the first)
 * @param totalEpochs        epochs requested
 * @param batch              batches done in this epoch, or null at an epoch's end
 * @param batchesPerEpoch    batches per epoch
 * @param loss               mean training loss of the epoch so far
 * @param trainAccuracy      training accuracy of the epoch, or null mid-epoch
 * @param validationAccuracy accuracy on the held-out validation split, or null mid-epoch
 * @param imagesPerSecond    training throughput
 * @param elapsedSeconds     since the job started
 * @param etaSeconds         estimated time to finish
 * @param modelId            registered model, once COMPLETED
 * @param message            reason of a failure or cancellation, or other notes
 * @param timestamp          when this was emitted
 * @param trial              on a search's job: the trial that just ended, with its fold scores; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingProgress(
        String jobId,
        JobStatus status,
        int epoch,
        int totalEpochs,
        Integer batch,
        Integer batchesPerEpoch,
        Double loss,
        Double trainAccuracy,
        Double validationAccuracy,
        Double imagesPerSecond,
        Double elapsedSeconds,
        Double etaSeconds,
        String modelId,
        String message,
        Instant timestamp,
        TrialScore trial) {

    /** A progress report without a trial (every job's but a search's trial reports). */
    public TrainingProgress(
            String jobId,
            JobStatus status,
            int epoch,
            int totalEpochs,
            Integer batch,
            Integer batchesPerEpoch,
            Double loss,
            Double trainAccuracy,
            Double validationAccuracy,
            Double imagesPerSecond,
            Double elapsedSeconds,
            Double etaSeconds,
            String modelId,
            String message,
            Instant timestamp) {
        this(
                jobId,
                status,
                epoch,
                totalEpochs,
                batch,
                batchesPerEpoch,
                loss,
                trainAccuracy,
                validationAccuracy,
                imagesPerSecond,
                elapsedSeconds,
                etaSeconds,
                modelId,
                message,
                timestamp,
                null);
    }
}
