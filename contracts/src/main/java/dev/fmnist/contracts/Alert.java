package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * Something an operator should look at, on {@code fmnist.alerts} (key = model id).
 *
 * @param id           unique id of this alert record
 * @param type         {@link #QUALITY_DROP}, {@link #PREDICTION_DRIFT}, {@link #INPUT_DRIFT} or
 *                     {@link #CHALLENGER_VERDICT}
 * @param state        {@link #RAISED} when the condition starts (or a verdict is reached), {@link #CLEARED} when it
 *                     is over
 * @param modelId      the model concerned
 * @param modelVersion its version number, when known
 * @param reason       human-readable cause, with the figures that decided it
 * @param figures      the figures by name (window and reference values, test statistic, p-value, support, ...)
 * @param window       the span of the predictions or images the figures cover
 * @param timestamp    when it was raised or cleared
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(
        String id,
        String type,
        String state,
        String modelId,
        Integer modelVersion,
        String reason,
        Map<String, Double> figures,
        TimeWindow window,
        Instant timestamp) {

    /** The recent window's accuracy or macro-F1 fell significantly below the cumulative figure. */
    public static final String QUALITY_DROP = "QUALITY_DROP";
    /** The recent predicted-class distribution moved away from the training set's class shares. */
    public static final String PREDICTION_DRIFT = "PREDICTION_DRIFT";
    /** Recent input images (mean grey level, background share) moved away from the training set's. */
    public static final String INPUT_DRIFT = "INPUT_DRIFT";
    /** A model in shadow was found significantly better or worse than production (and maybe promoted). */
    public static final String CHALLENGER_VERDICT = "CHALLENGER_VERDICT";
    /** The condition started. */
    public static final String RAISED = "RAISED";
    /** The condition is over. */
    public static final String CLEARED = "CLEARED";
}
