package dev.fmnist.inference.rest;

/**
 * Why a request got no prediction.
 *
 * @param rule   the broken rule's code ({@code invalid-pixels}, {@code no-model}, ...)
 * @param reason the human-readable cause, starting with the rule code
 */
public record Problem(String rule, String reason) {

    /** @return a problem whose rule is the text before the first colon of {@code reason} */
    public static Problem of(String reason) {
        int colon = reason.indexOf(':');
        return new Problem(colon > 0 ? reason.substring(0, colon) : reason, reason);
    }
}
