package dev.fmnist.evaluation.testing;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Predictions into the service through the broker, evaluations out of it. */
public final class PredictionFlow {

    /** The contract: a new Evaluation within 10 s of any change. */
    public static final Duration CONTRACT_DELAY = Duration.ofSeconds(10);

    private PredictionFlow() {}

    /** Sends predictions to fmnist.predictions, keyed by image id. */
    public static void sendPredictions(List<Prediction> predictions) {
        Broker.sendJson(
                Topics.PREDICTIONS,
                predictions.stream()
                        .<Map.Entry<String, ?>>map(p -> Map.entry(p.id(), p))
                        .toList());
    }

    /** @return every evaluation of a model on fmnist.evaluations so far, oldest first */
    public static List<Evaluation> evaluations(String model) {
        return Broker.readValues(Topics.EVALUATIONS, model, Evaluation.class);
    }

    /** Waits (the contract's 10 s, plus slack for a loaded machine) for an evaluation of the model with that count. */
    public static Evaluation awaitEvaluation(String model, long count) {
        return await().atMost(CONTRACT_DELAY.plusSeconds(5))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> evaluations(model).stream()
                                .filter(e -> e.count() == count)
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
    }
}
