package dev.fmnist.evaluation.testing;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.json.JsonCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Training progress as training-service's {@code ProgressReporter} publishes it on {@code fmnist.training.progress}:
 * status changes without figures, a report every few batches, one at each epoch's end, and the end of the job.
 */
public final class TrainingRuns {

    private TrainingRuns() {}

    /**
     * @return the records of a completed job of two epochs of 10 batches reporting every 5 batches, one second apart
     *     from {@code start}: RUNNING (reading), RUNNING batch 5, RUNNING epoch 1 end, RUNNING epoch 2 batch 5,
     *     RUNNING epoch 2 end, COMPLETED with its model
     */
    public static List<TrainingProgress> completedRun(String jobId, String modelId, Instant start) {
        List<TrainingProgress> run = new ArrayList<>();
        run.add(bare(jobId, JobStatus.RUNNING, 2, "reading the dataset from Kafka", null, start));
        run.add(batch(jobId, 1, 5, 0.9, start.plusSeconds(1)));
        run.add(epochEnd(jobId, 1, 0.7, 0.75, 0.74, start.plusSeconds(2)));
        run.add(batch(jobId, 2, 5, 0.5, start.plusSeconds(3)));
        run.add(epochEnd(jobId, 2, 0.45, 0.84, 0.83, start.plusSeconds(4)));
        run.add(new TrainingProgress(
                jobId,
                JobStatus.COMPLETED,
                2,
                2,
                null,
                10,
                0.45,
                0.84,
                0.83,
                5200.0,
                5.25,
                0.0,
                modelId,
                "registered as " + modelId,
                start.plusSeconds(5)));
        return run;
    }

    /** @return a status change without figures, as {@code ProgressReporter.bare} makes it */
    public static TrainingProgress bare(
            String jobId, JobStatus status, int totalEpochs, String message, String modelId, Instant at) {
        return new TrainingProgress(
                jobId, status, 0, totalEpochs, null, null, null, null, null, null, 0.1, null, modelId, message, at);
    }

    /** @return a mid-epoch report of a job of 2 epochs of 10 batches */
    public static TrainingProgress batch(String jobId, int epoch, int batch, double loss, Instant at) {
        return new TrainingProgress(
                jobId,
                JobStatus.RUNNING,
                epoch,
                2,
                batch,
                10,
                loss,
                null,
                null,
                4800.5,
                1.5 * epoch,
                3.0E-1 * (2 - epoch + 1),
                null,
                null,
                at);
    }

    /** @return an epoch's end report of a job of 2 epochs of 10 batches */
    public static TrainingProgress epochEnd(
            String jobId, int epoch, double loss, double trainAccuracy, double validationAccuracy, Instant at) {
        return new TrainingProgress(
                jobId,
                JobStatus.RUNNING,
                epoch,
                2,
                null,
                10,
                loss,
                trainAccuracy,
                validationAccuracy,
                5000.0,
                2.0 * epoch,
                2.0 * (2 - epoch),
                null,
                null,
                at);
    }

    /** @return {@code GET /api/progress/{jobId}}, decoded */
    public static List<TrainingProgress> history(String jobId) {
        return List.of(JsonCodec.fromJson(historyJson(jobId), TrainingProgress[].class));
    }

    /** @return {@code GET /api/progress/{jobId}} as the JSON text served */
    public static String historyJson(String jobId) {
        return given().get("/api/progress/{jobId}", jobId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** @return the entry of {@code GET /api/progress} for the job, or null */
    public static Map<String, Object> summary(String jobId) {
        List<Map<String, Object>> all = given().get("/api/progress")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(j -> jobId.equals(j.get("jobId")))
                .findFirst()
                .orElse(null);
    }
}
