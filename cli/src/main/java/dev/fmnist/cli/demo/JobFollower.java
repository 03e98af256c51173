package dev.fmnist.cli.demo;

import dev.fmnist.cli.client.TopicFollower;
import dev.fmnist.cli.client.TrainingClient;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.ProgressBar;
import dev.fmnist.contracts.TrainingJob;
import dev.fmnist.contracts.TrainingProgress;
import dev.fmnist.contracts.api.training.JobView;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Submits a training job and follows it to its end: its progress from {@code fmnist.training.progress}, then its
 * record. */
public final class JobFollower {

    private JobFollower() {}

    /**
     * Submits a job and follows it until it ends, drawing its progress.
     *
     * @param job              the job, with its id
     * @param bar              where progress is drawn
     * @return the job as it ended
     */
    public static JobView follow(
            TrainingClient training, String bootstrapServers, TrainingJob job, ProgressBar bar, Duration timeout) {
        try (TopicFollower<TrainingProgress> progress =
                TopicFollower.trainingProgress(bootstrapServers, TopicFollower.Start.END)) {
            String jobId = training.submit(job);
            Supplier<Optional<JobView>> ended = () -> training.job(jobId).filter(JobView::finished);
            long[] nextCheck = {0};
            Optional<JobView> result = Await.poll(timeout, Duration.ZERO, () -> {
                for (TrainingProgress event : progress.poll(Await.POLL, p -> jobId.equals(p.jobId()))) {
                    bar.show(event);
                    JobView seen = new JobView(
                            jobId,
                            null,
                            event.status(),
                            null,
                            null,
                            null,
                            false,
                            event.message(),
                            event.modelId(),
                            event,
                            null,
                            null,
                            null,
                            null);
                    if (seen.finished()) {
                        // the REST record carries the model and the promotion decision; give it a moment
                        return Await.poll(Duration.ofSeconds(5), Duration.ofMillis(250), ended)
                                .or(() -> Optional.of(seen));
                    }
                }
                if (System.nanoTime() > nextCheck[0]) {
                    // the REST record too: a progress event may have been missed
                    nextCheck[0] = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    return ended.get();
                }
                return Optional.empty();
            });
            bar.finishLine();
            return result.orElseThrow(() -> new IllegalStateException(
                    "training job " + jobId + " did not finish within " + Format.duration(timeout.toSeconds())
                            + " (GET " + training.baseUrl() + "/jobs/" + jobId + ")"));
        }
    }
}
