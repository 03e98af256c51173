package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One published split of a dataset.
 *
 * @param split       {@code train}, {@code test}, ...
 * @param topic       the topic holding its images
 * @param count       images published
 * @param classCounts images per label 0..9
 * @param contentHash SHA-256 over the split's pixels and labels
 * @param rejected    rows of the source refused (sent to {@code fmnist.rejected})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSplit(
        String split, String topic, long count, long[] classCounts, String contentHash, long rejected) {}
