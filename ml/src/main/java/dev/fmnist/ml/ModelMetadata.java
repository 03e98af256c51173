package dev.fmnist.ml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * What a model file alone does not say: how to feed it and how it was made.
 *
 * @param architecture    architecture name ({@code softmax}, {@code mlp}, {@code lenet5}, ...)
 * @param layout          input shape the network expects
 * @param normalization   pixel transform applied before the network
 * @param classNames      output classes in order
 * @param hyperParameters hyper-parameters it was trained with
 * @param framework       engine and version, e.g. {@code deeplearning4j 1.0.0-M2.1}
 * @param backend         ND4J backend it was trained on, e.g. {@code CPU (nd4j-native, oneDNN)}
 * @param parameterCount  number of trainable parameters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        String architecture,
        InputLayout layout,
        Normalization normalization,
        List<String> classNames,
        Map<String, Object> hyperParameters,
        String framework,
        String backend,
        long parameterCount) {}
