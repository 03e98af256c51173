package dev.fmnist.evaluation.promotion;

/** The durable record of what was done about each (challenger, champion) pair, so each happens once. */
public interface VerdictLog {

    /**
     * Records the first decided verdict of a pair.
     *
     * @return true when this call recorded it (the pair had none), false when one was recorded before
     */
    boolean recordFirst(String challengerId, String championId, String verdict);

    /** @return whether the pair's auto-promotion is over (done, or refused by the registry) */
    boolean promotionSettled(String challengerId, String championId);

    /** Records how the pair's auto-promotion ended ({@code promoted}, or {@code refused: ...}). */
    void settlePromotion(String challengerId, String championId, String outcome);
}
