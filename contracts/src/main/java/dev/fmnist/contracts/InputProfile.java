package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a set of input images looks like, as shares that sum to 1: the reference a model was trained on (carried in
 * its {@link ModelEvent#reference()}), or a recent window of the input stream. Built by
 * {@link dev.fmnist.contracts.metrics.InputProfiler}, which fixes the bins.
 *
 * @param images         images profiled
 * @param classShare     share of each class 0..9 (true labels for a training set, predicted labels for a stream)
 * @param meanGrey       share of images per bin of their mean grey level ({@code InputProfiler.GREY_BINS} equal bins
 *                       over 0..255)
 * @param background     share of images per bin of their background share, the fraction of pixels that are 0
 *                       ({@code InputProfiler.BACKGROUND_BINS} equal bins over 0..1)
 * @param meanGreyLevel  mean grey level over all images (0..255)
 * @param backgroundMean mean background share over all images (0..1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputProfile(
        long images,
        double[] classShare,
        double[] meanGrey,
        double[] background,
        double meanGreyLevel,
        double backgroundMean) {}
