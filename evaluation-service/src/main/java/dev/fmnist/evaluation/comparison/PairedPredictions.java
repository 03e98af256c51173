package dev.fmnist.evaluation.comparison;

/** Where the counted predictions of two models are paired by image id (implemented on PostgreSQL). */
public interface PairedPredictions {

    /**
     * @param championId   the production model
     * @param challengerId the model in shadow
     * @return the labelled images both counted (with the same true label), by (true label, champion's prediction,
     *     challenger's prediction)
     */
    PairedCounts count(String championId, String challengerId);
}
