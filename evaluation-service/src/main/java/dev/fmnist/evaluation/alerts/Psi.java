package dev.fmnist.evaluation.alerts;

/**
 * The population stability index of two distributions over the same bins: Σ (a − e) · ln(a / e), with each share
 * raised to at least {@link #EPSILON} so that an empty bin counts as a very small one instead of dividing by zero.
 * About 0 for the same distribution; 0.10 is read as a slight shift, above 0.25 as a significant one.
 */
public final class Psi {

    /** The least share a bin counts with. */
    public static final double EPSILON = 1e-4;

    private Psi() {}

    /**
     * @param actual   shares of the recent window, per bin
     * @param expected shares of the reference, per bin (same length)
     * @return the index, at least 0
     */
    public static double index(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(
                    "bins differ: " + actual.length + " in the window, " + expected.length + " in the reference");
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max(actual[i], EPSILON);
            double e = Math.max(expected[i], EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
