package dev.fmnist.ml.architecture;

import dev.fmnist.ml.InputLayout;

import java.util.Map;

/**
 * A model family the trainer can build, whatever its engine: a DL4J network ({@link NetworkArchitecture}) or the
 * PCA + CART tree ({@link PcaTree}). Adding one is one class implementing one of those, listed in
 * {@code META-INF/services/dev.fmnist.ml.architecture.Architecture} (see {@link Architectures}).
 * Implementations are stateless.
 */
public interface Architecture {

    /** @return the name jobs use, lower case, e.g. {@code mlp} */
    String name();

    /** @return one line for humans */
    String description();

    /** @return the input shape the model expects */
    InputLayout layout();

    /**
     * The architecture's own defaults for any hyper-parameter, the trainer's included ({@code normalization},
     * {@code labelSmoothing}, ...): a job's parameters override them, a key not listed takes the getter's default.
     *
     * @return parameter name → default value (none by default)
     */
    default Map<String, Object> defaults() {
        return Map.of();
    }

    /** @return the learning rate when the job gives none ({@code 1e-3}, which suits Adam, unless overridden) */
    default double defaultLearningRate() {
        return 1e-3;
    }

    /** @return the epochs when the caller gives none */
    default int defaultEpochs() {
        return 10;
    }
}
