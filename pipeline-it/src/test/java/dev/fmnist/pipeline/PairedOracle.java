package dev.fmnist.pipeline;

import dev.fmnist.contracts.Prediction;

import java.util.Map;

/**
 * Recomputes a champion/challenger comparison from the two prediction topics, independently of evaluation-service:
 * over the image ids both predicted (and labelled), how many each got right alone (McNemar's b and c) and together.
 *
 * @param paired         image ids both predicted
 * @param bothCorrect    both right
 * @param championOnly   only the champion right (b)
 * @param challengerOnly only the challenger right (c)
 * @param neitherCorrect both wrong
 */
record PairedOracle(long paired, long bothCorrect, long championOnly, long challengerOnly, long neitherCorrect) {

    /**
     * @param champion   the champion's prediction of each image id
     * @param challenger the challenger's prediction of each image id
     */
    static PairedOracle of(Map<String, Prediction> champion, Map<String, Prediction> challenger) {
        long paired = 0;
        long both = 0;
        long b = 0;
        long c = 0;
        long neither = 0;
        for (Map.Entry<String, Prediction> e : champion.entrySet()) {
            Prediction other = challenger.get(e.getKey());
            if (other == null || e.getValue().trueLabel() == null) {
                continue;
            }
            paired++;
            boolean championRight = e.getValue().label() == e.getValue().trueLabel();
            boolean challengerRight = other.label() == other.trueLabel();
            if (championRight && challengerRight) {
                both++;
            } else if (championRight) {
                b++;
            } else if (challengerRight) {
                c++;
            } else {
                neither++;
            }
        }
        return new PairedOracle(paired, both, b, c, neither);
    }
}
