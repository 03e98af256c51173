package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * A request to train a model, on {@code fmnist.training.jobs} (key = job id).
 *
 * @param jobId        unique job id (the training API makes one when absent)
 * @param dataset      dataset name or id to train on
 * @param architecture architecture name, e.g. {@code softmax}, {@code mlp}, {@code lenet5}
 * @param epochs       passes over the training split, &gt; 0
 * @param batchSize    images per step, &gt; 0
 * @param learningRate initial learning rate, &gt; 0
 * @param seed         random seed for init, shuffling and the validation split
 * @param modelName    registry name of the resulting model
 * @param params       architecture-specific hyper-parameters (hidden layers, activation, optimiser, ...)
 * @param submittedAt  when the job was submitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingJob(
        String jobId,
        String dataset,
        String architecture,
        Integer epochs,
        Integer batchSize,
        Double learningRate,
        Long seed,
        String modelName,
        Map<String, Object> params,
        Instant submittedAt)
        implements Checkable {

    @Override
    public String problem() {
        if (jobId == null || jobId.isBlank()) {
            return "jobId is missing";
        }
        if (dataset == null || dataset.isBlank()) {
            return "dataset is missing";
        }
        if (architecture == null || architecture.isBlank()) {
            return "architecture is missing";
        }
        String identifier = Identifiers.problem("jobId", jobId);
        if (identifier == null) {
            identifier = Identifiers.problem("dataset", dataset);
        }
        if (identifier == null) {
            identifier = Identifiers.textProblem("architecture", architecture);
        }
        if (identifier == null) {
            identifier = Identifiers.textProblem("modelName", modelName);
        }
        if (identifier != null) {
            return identifier;
        }
        if (epochs == null || epochs <= 0) {
            return "epochs must be a positive integer, was " + epochs;
        }
        if (batchSize != null && batchSize <= 0) {
            return "batchSize must be a positive integer, was " + batchSize;
        }
        if (learningRate != null && !(learningRate > 0)) {
            return "learningRate must be positive, was " + learningRate;
        }
        return null;
    }
}
