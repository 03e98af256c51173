package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.TimeWindow;

/** Is told of every comparison that reached a decision (BETTER or WORSE): alerts and auto-promotion listen here. */
public interface VerdictSink {

    /** Does nothing. */
    VerdictSink NONE = (decided, window) -> {};

    /**
     * Called on the publishing thread for each emitted comparison whose verdict is BETTER or WORSE; must not block
     * for long.
     *
     * @param decided the challenger's comparison
     * @param window  the span of the challenger's Evaluation that carried it
     */
    void decided(ChallengerStanding decided, TimeWindow window);
}
