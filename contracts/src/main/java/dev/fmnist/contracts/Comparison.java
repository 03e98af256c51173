package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model in shadow (the challenger) against the production model (the champion) on the same labelled image ids, in
 * the challenger's {@link Evaluation#comparison()}. Only images both models predicted count ("paired").
 *
 * @param championId         the production model compared with
 * @param championVersion    its version number
 * @param pairedImages       labelled image ids both models predicted
 * @param bothCorrect        paired images both got right
 * @param championOnly       paired images only the champion got right (McNemar's b)
 * @param challengerOnly     paired images only the challenger got right (McNemar's c)
 * @param neitherCorrect     paired images both got wrong
 * @param championAccuracy   champion's accuracy on the paired images
 * @param challengerAccuracy challenger's accuracy on the paired images
 * @param accuracyDelta      challenger minus champion accuracy on the paired images, (c - b) / pairedImages
 * @param deltaLow           lower end of the confidence interval of {@code accuracyDelta}
 * @param deltaHigh          upper end of that interval
 * @param confidence         the interval's confidence level (0.95)
 * @param mcnemarP           two-sided p-value of McNemar's exact test on the b + c discordant pairs (1 when there are
 *                           none)
 * @param f1Delta            per class 0..9, challenger minus champion F1 on the paired images
 * @param macroF1Delta       challenger minus champion macro-F1 on the paired images
 * @param verdict            {@code BETTER}, {@code WORSE} (significant at the configured p, with enough pairs and
 *                           gain), {@code NO_DIFFERENCE} (enough pairs, not significant) or {@code INSUFFICIENT}
 *                           (fewer paired images than configured)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Comparison(
        String championId,
        Integer championVersion,
        long pairedImages,
        long bothCorrect,
        long championOnly,
        long challengerOnly,
        long neitherCorrect,
        double championAccuracy,
        double challengerAccuracy,
        double accuracyDelta,
        double deltaLow,
        double deltaHigh,
        double confidence,
        double mcnemarP,
        double[] f1Delta,
        double macroF1Delta,
        String verdict) {

    /** The challenger is significantly better. */
    public static final String BETTER = "BETTER";
    /** The challenger is significantly worse. */
    public static final String WORSE = "WORSE";
    /** Enough paired images, no significant difference. */
    public static final String NO_DIFFERENCE = "NO_DIFFERENCE";
    /** Too few paired images to decide. */
    public static final String INSUFFICIENT = "INSUFFICIENT";
}
