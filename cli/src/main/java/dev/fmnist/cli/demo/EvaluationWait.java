package dev.fmnist.cli.demo;

import dev.fmnist.cli.client.EvaluationClient;
import dev.fmnist.cli.client.IngestClient;
import dev.fmnist.cli.client.TopicFollower;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.console.Steps;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.api.ingest.ReplayState;

import java.time.Duration;
import java.util.Optional;

/**
 * Step 6 of the demo: waits until a replay is done and the model's evaluation counts every replayed image, showing
 * both counts meanwhile. The evaluation comes from {@code fmnist.evaluations} and, every 2 s, from evaluation-service;
 * the replay's state from ingest-service (a failed replay ends the wait).
 */
final class EvaluationWait {

    private final IngestClient ingest;
    private final EvaluationClient evaluation;
    private final String bootstrapServers;
    private final Steps steps;
    private final boolean terminal;
    private final Duration timeout;
    private ReplayState state;
    private Evaluation latest;
    private long nextRest;
    private long lastShown;

    /** One wait: make one per step 6. */
    EvaluationWait(
            IngestClient ingest,
            EvaluationClient evaluation,
            String bootstrapServers,
            Steps steps,
            boolean terminal,
            Duration timeout) {
        this.ingest = ingest;
        this.evaluation = evaluation;
        this.bootstrapServers = bootstrapServers;
        this.steps = steps;
        this.terminal = terminal;
        this.timeout = timeout;
    }

    /**
     * Waits until the replay is done and the model's evaluation counts {@code expected} images.
     *
     * @param replay   the replay started in step 5
     * @param expected images the evaluation must count
     * @return the model's evaluation
     */
    Evaluation await(String modelId, ReplayState replay, long expected) {
        state = replay;
        try (TopicFollower<Evaluation> evaluations =
                TopicFollower.evaluations(bootstrapServers, TopicFollower.Start.END)) {
            Optional<Evaluation> done = Await.poll(timeout, Duration.ZERO, () -> {
                evaluations.poll(Await.POLL, e -> modelId.equals(e.modelId())).forEach(this::offer);
                refresh(modelId, replay);
                if (state.finished() && counted() >= expected) {
                    return Optional.of(latest);
                }
                show(expected);
                return Optional.empty();
            });
            lineDone();
            if (done.isEmpty()) {
                throw new IllegalStateException("the evaluation of " + modelId + " did not reach "
                        + Format.count(expected) + " images within " + Format.duration(timeout.toSeconds())
                        + " (it counts " + counted() + "; replay " + state.status() + " "
                        + Format.count(state.published()) + "/" + Format.count(state.total()) + ")");
            }
            Evaluation result = evaluation
                    .latest(modelId)
                    .filter(e -> e.count() >= done.get().count())
                    .orElse(done.get());
            steps.done("replayed " + Format.count(state.published()) + ", evaluated " + Format.count(result.count())
                    + " images");
            return result;
        }
    }

    private void offer(Evaluation candidate) {
        if (candidate != null && (latest == null || candidate.count() > latest.count())) {
            latest = candidate;
        }
    }

    /** Every 2 s: the replay's state (a failed replay ends the wait) and evaluation-service's latest figure. */
    private void refresh(String modelId, ReplayState replay) {
        if (System.nanoTime() <= nextRest) {
            return;
        }
        if (!state.finished()) {
            state = ingest.replayState(replay.datasetId(), replay.id());
            if (state.status() == ReplayState.Status.FAILED) {
                throw new IllegalStateException("replay " + replay.id() + " failed: " + state.error());
            }
        }
        offer(evaluation.latest(modelId).orElse(null));
        nextRest = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    }

    private long counted() {
        return latest == null ? 0 : latest.count();
    }

    private void show(long expected) {
        String line = "replayed " + Format.count(state.published())
                + (state.total() >= 0 ? "/" + Format.count(state.total()) : "") + ", evaluated "
                + Format.count(counted()) + "/" + Format.count(expected);
        if (terminal) {
            steps.out().print("\r" + Steps.INDENT + line + "\u001b[K");
            steps.out().flush();
            lastShown = 1;
        } else if (System.nanoTime() - lastShown > Duration.ofSeconds(10).toNanos()) {
            steps.info(line);
            lastShown = System.nanoTime();
        }
    }

    private void lineDone() {
        if (terminal && lastShown != 0) {
            steps.out().print("\r\u001b[K");
            steps.out().flush();
        }
    }
}
