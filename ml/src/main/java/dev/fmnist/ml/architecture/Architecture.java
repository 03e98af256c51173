package dev.fmnist.ml.architecture;

import dev.fmnist.ml.InputLayout;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.util.Map;

/**
 * A network family the trainer can build. Adding one is one class implementing this interface, listed in
 * {@code META-INF/services/dev.fmnist.ml.architecture.Architecture} (see {@link Architectures}).
 * Implementations are stateless.
 */
public interface Architecture {

    /** @return the name jobs use, lower case, e.g. {@code mlp} */
    String name();

    /** @return one line for humans */
    String description();

    /** @return the input shape the network expects */
    InputLayout layout();

    /**
     * Builds the network configuration. Reads every parameter it knows from {@code parameters} (the reads record the
     * effective values); the caller refuses parameters that were never read.
     *
     * @param parameters the job's hyper-parameters
     * @return the configuration, with a softmax output over the ten classes
     * @throws InvalidHyperParameterException when a parameter is out of range
     */
    MultiLayerConfiguration configure(HyperParameters parameters);

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
