package dev.fmnist.ml.architecture;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** An architecture trained by the DL4J engine: it builds a network configuration. */
public interface NetworkArchitecture extends Architecture {

    /**
     * Builds the network configuration. Reads every parameter it knows from {@code parameters} (the reads record the
     * effective values); the caller refuses parameters that were never read.
     *
     * @param parameters the job's hyper-parameters
     * @return the configuration, with a softmax output over the ten classes
     * @throws InvalidHyperParameterException when a parameter is out of range
     */
    MultiLayerConfiguration configure(HyperParameters parameters);
}
