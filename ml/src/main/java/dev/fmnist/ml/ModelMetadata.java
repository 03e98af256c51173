package dev.fmnist.ml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * What a model file alone does not say: how to feed it and how it was made.
 *
 * @param architecture    architecture name ({@code softmax}, {@code mlp}, {@code lenet5}, {@code pca-tree}, ...)
 * @param layout          input shape the model expects
 * @param normalization   pixel transform applied before the model
 * @param classNames      output classes in order
 * @param hyperParameters hyper-parameters it was trained with
 * @param framework       engine and version, e.g. {@code deeplearning4j 1.0.0-M2.1}
 * @param backend         where it was trained, e.g. {@code CPU (nd4j-native, oneDNN)}
 * @param parameterCount  number of trained numbers (for a tree: PCA mean and basis plus tree nodes)
 * @param engine          which engine reads the file: {@value #DL4J_ENGINE} or {@value #TREE_ENGINE}; null in files
 *                        written before there were two, which are all DL4J networks
 * @param provenance      where the model came from (dataset, job, seed, metrics, time); null when not recorded
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
        long parameterCount,
        String engine,
        ModelProvenance provenance) {

    /** Engine name of DL4J networks (also what a file without {@code engine} holds). */
    public static final String DL4J_ENGINE = "deeplearning4j";
    /** Engine name of the PCA + CART tree. */
    public static final String TREE_ENGINE = "pca-tree";

    /** Metadata of a DL4J network without provenance (the shape of files written before engines and provenance). */
    public ModelMetadata(
            String architecture,
            InputLayout layout,
            Normalization normalization,
            List<String> classNames,
            Map<String, Object> hyperParameters,
            String framework,
            String backend,
            long parameterCount) {
        this(
                architecture,
                layout,
                normalization,
                classNames,
                hyperParameters,
                framework,
                backend,
                parameterCount,
                DL4J_ENGINE,
                null);
    }

    /** @return the engine, {@value #DL4J_ENGINE} when the file names none */
    public String engineOrDefault() {
        return engine == null ? DL4J_ENGINE : engine;
    }

    /** @return a copy with {@code newProvenance} */
    public ModelMetadata withProvenance(ModelProvenance newProvenance) {
        return new ModelMetadata(
                architecture,
                layout,
                normalization,
                classNames,
                hyperParameters,
                framework,
                backend,
                parameterCount,
                engine,
                newProvenance);
    }
}
