package dev.fmnist.evaluation.alerts;

/**
 * Raise above one level, clear below a lower one, hold in between: a figure wavering around one threshold does not
 * raise and clear an alert again and again.
 *
 * @param raiseAbove a figure above this raises
 * @param clearBelow a figure below this clears (at most {@code raiseAbove})
 */
public record Hysteresis(double raiseAbove, double clearBelow) {

    public Hysteresis {
        if (clearBelow > raiseAbove) {
            throw new IllegalArgumentException(
                    "the clearing level " + clearBelow + " must not be above the raising level " + raiseAbove);
        }
    }

    /** @return what {@code figure} asks of the alert */
    public Decision decide(double figure) {
        if (figure > raiseAbove) {
            return Decision.RAISE;
        }
        if (figure < clearBelow) {
            return Decision.CLEAR;
        }
        return Decision.HOLD;
    }
}
