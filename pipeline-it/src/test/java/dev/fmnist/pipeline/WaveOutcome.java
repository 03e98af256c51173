package dev.fmnist.pipeline;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.Prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where one wave of labelled images stands: how many of its ids have a Prediction of the model, how many have more
 * than one, whether evaluation-service's latest Evaluation (REST and topic) counts every distinct labelled id of the
 * model exactly once with the oracle's confusion matrix, and which services are not ready.
 *
 * @param waveSize       images published in the wave
 * @param missing        wave ids without a Prediction of the model
 * @param duplicated     wave ids with more than one Prediction of the model
 * @param labelledIds    distinct labelled ids with a Prediction of the model on the topic (the oracle's count)
 * @param oracle         the confusion matrix recomputed from the predictions topic
 * @param stored         evaluation-service's latest Evaluation of the model (REST), or null (none, or no answer)
 * @param emitted        the Evaluation of the model with the highest count on {@code fmnist.evaluations}, or null
 * @param notReady       services that are not ready, with what they answered
 */
record WaveOutcome(
        int waveSize,
        List<String> missing,
        List<String> duplicated,
        long labelledIds,
        long[][] oracle,
        Evaluation stored,
        Evaluation emitted,
        Map<String, String> notReady) {

    /**
     * @param waveIds     the wave's ids
     * @param predictions every prediction of the model so far, by id
     * @param stored      the REST evaluation, or null
     * @param emitted     the topic's evaluation, or null
     * @param notReady    services not ready
     * @return the outcome
     */
    static WaveOutcome of(
            List<String> waveIds,
            Map<String, List<Prediction>> predictions,
            Evaluation stored,
            Evaluation emitted,
            Map<String, String> notReady) {
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String id : waveIds) {
            int seen = predictions.getOrDefault(id, List.of()).size();
            if (seen == 0) {
                missing.add(id);
            } else if (seen > 1) {
                duplicated.add(id);
            }
        }
        List<Prediction> labelled = predictions.values().stream()
                .map(list -> list.get(0))
                .filter(p -> p.trueLabel() != null)
                .toList();
        PredictionOracle oracle = new PredictionOracle(labelled);
        return new WaveOutcome(
                waveIds.size(), missing, duplicated, oracle.count(), oracle.matrix(), stored, emitted, notReady);
    }

    /** @return every image predicted, counted once (REST and topic agree with the oracle), every service ready */
    boolean settled() {
        return missing.isEmpty() && agrees(stored) && agrees(emitted) && notReady.isEmpty();
    }

    private boolean agrees(Evaluation evaluation) {
        return evaluation != null
                && evaluation.count() == labelledIds
                && Arrays.deepEquals(evaluation.confusionMatrix(), oracle);
    }

    /** @return what is lost or stuck, e.g. {@code 37 of 500 images never predicted; evaluation counts ...} */
    String problems(boolean duplicatesAllowed) {
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + waveSize + " images never predicted (e.g. " + sample(missing) + ")");
        }
        if (!duplicatesAllowed && !duplicated.isEmpty()) {
            problems.add(duplicated.size() + " images predicted more than once without a crash of inference-service "
                    + "(e.g. " + sample(duplicated) + ")");
        }
        describe("evaluation-service (GET /api/evaluations/{model})", stored, problems);
        describe("fmnist.evaluations", emitted, problems);
        notReady.forEach((service, answer) -> problems.add(service + " not ready: " + answer));
        return String.join("; ", problems);
    }

    private void describe(String where, Evaluation evaluation, List<String> problems) {
        if (evaluation == null) {
            problems.add(where + " has no evaluation of the model (" + labelledIds + " labelled ids predicted)");
        } else if (evaluation.count() != labelledIds) {
            long lost = labelledIds - evaluation.count();
            problems.add(where + " counts " + evaluation.count() + " of " + labelledIds + " labelled ids"
                    + (lost > 0 ? " (" + lost + " never counted)" : " (" + -lost + " counted twice or not predicted)"));
        } else if (!Arrays.deepEquals(evaluation.confusionMatrix(), oracle)) {
            problems.add(where + " counts " + evaluation.count() + " ids but its confusion matrix differs from the "
                    + "oracle's in " + differingCells(evaluation.confusionMatrix()) + " cells");
        }
    }

    private int differingCells(long[][] matrix) {
        int cells = 0;
        for (int t = 0; t < oracle.length; t++) {
            for (int p = 0; p < oracle[t].length; p++) {
                if (matrix == null || t >= matrix.length || p >= matrix[t].length || matrix[t][p] != oracle[t][p]) {
                    cells++;
                }
            }
        }
        return cells;
    }

    private static String sample(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(3, ids.size())));
    }
}
