package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-class figures of an Evaluation.
 *
 * @param label     class 0..9
 * @param className its name
 * @param precision TP / (TP + FP), 0 for a class never predicted
 * @param recall    TP / (TP + FN), 0 for a class with no support
 * @param f1        harmonic mean of precision and recall, 0 when both are 0
 * @param support   labelled images of this class
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassMetrics(int label, String className, double precision, double recall, double f1, long support) {}
