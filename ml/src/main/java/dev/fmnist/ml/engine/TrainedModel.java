package dev.fmnist.ml.engine;

import dev.fmnist.ml.ModelMetadata;

import java.util.List;
import java.util.Map;

/**
 * A trained model of any engine: it predicts class probabilities, describes itself and writes itself. The registry,
 * inference (hot swap included) and evaluation see only this, through {@link dev.fmnist.ml.ModelBundle} and
 * {@link dev.fmnist.ml.Classifier}, so a tree is used exactly like a network.
 */
public interface TrainedModel {

    /** @return how to feed it and how it was made ({@link ModelMetadata#engine()} names this engine) */
    ModelMetadata metadata();

    /** @return the same model described by {@code metadata} (same engine, same weights) */
    TrainedModel withMetadata(ModelMetadata metadata);

    /**
     * One pass over the images, in inference mode, with the model's own normalisation (no test-time augmentation:
     * {@link dev.fmnist.ml.Classifier} adds that). Safe to call from several threads.
     *
     * @param images each exactly 784 grey levels, row-major
     * @return per image, the probability of each class (rows sum to 1)
     */
    double[][] predictProbabilities(List<byte[]> images);

    /**
     * @return the engine's entries of the model file, by zip entry name, in order (the bundle adds
     *         {@value dev.fmnist.ml.ModelBundle#METADATA_ENTRY})
     */
    Map<String, byte[]> fileEntries();
}
