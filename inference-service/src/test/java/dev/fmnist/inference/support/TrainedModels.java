package dev.fmnist.inference.support;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.inference.model.ArtifactStore;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Real models (DL4J networks and a PCA + CART tree) trained (once per JVM) on the real Fashion-MNIST mini fixture with the ml module's trainer, and
 * written as model files with their SHA-256, as the training-service would register them (serve them with
 * {@link StandInRegistry}).
 */
public final class TrainedModels {

    private static Trained first;
    private static Trained second;
    private static Trained tree;
    private static TrainingData testImages;

    private TrainedModels() {}

    /** @return a small MLP (one hidden layer of 64), version 1 */
    public static synchronized Trained first() {
        if (first == null) {
            first = train(
                    "it-mlp-v1",
                    1,
                    TrainingSpec.defaults("mlp", 4)
                            .withParameters(Map.of("hiddenLayers", List.of(64)))
                            .withSeed(1));
        }
        return first;
    }

    /** @return another model (softmax regression), version 2, so its predictions differ from {@link #first()} */
    public static synchronized Trained second() {
        if (second == null) {
            second = train(
                    "it-softmax-v2", 2, TrainingSpec.defaults("softmax", 4).withSeed(2));
        }
        return second;
    }

    /** @return a decision tree on PCA features ({@code pca-tree}, 30 components), version 3: not a network */
    public static synchronized Trained tree() {
        if (tree == null) {
            tree = train(
                    "it-tree-v3",
                    3,
                    TrainingSpec.defaults("pca-tree", 1)
                            .withParameters(Map.of("pcaComponents", 30, "maxDepth", 10))
                            .withSeed(3));
        }
        return tree;
    }

    /** @return the fixture's 500 test images (50 per class) with their labels */
    public static synchronized TrainingData testImages() {
        if (testImages == null) {
            try {
                testImages = IdxFiles.read(Fixtures.fashionMnistMini(), "t10k");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return testImages;
    }

    private static Trained train(String modelId, int version, TrainingSpec spec) {
        try {
            TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
            ModelBundle bundle = ModelTrainer.train(spec, train, TrainingListener.NONE);
            Path file = Files.createTempFile(modelId, ".model.zip");
            file.toFile().deleteOnExit();
            Files.write(file, bundle.toBytes());
            return new Trained(modelId, version, spec.architecture(), file, ArtifactStore.sha256Of(file), bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A trained model file.
     *
     * @param modelId      registry id
     * @param version      version number
     * @param architecture architecture name
     * @param file         the model file
     * @param sha256       its SHA-256
     * @param bundle       the model in memory
     */
    public record Trained(
            String modelId, int version, String architecture, Path file, String sha256, ModelBundle bundle) {

        /** @return a ModelEvent for this model pointing at its file in {@code registry} */
        public ModelEvent event(ModelStatus status, StandInRegistry registry) {
            return event(status, registry.artifactUrl(modelId));
        }

        /** @return a ModelEvent for this model with the given artifact URL */
        public ModelEvent event(ModelStatus status, String artifactUrl) {
            return new ModelEvent(
                    modelId,
                    "fashion",
                    version,
                    architecture,
                    status,
                    null,
                    Map.of("testAccuracy", 0.8),
                    "fixture-mini",
                    "job-" + modelId,
                    sha256,
                    artifactUrl,
                    "test",
                    Instant.now());
        }

        /** @return this model as the service would serve it */
        public ServingModel serving() {
            return new ServingModel(
                    modelId, "fashion", version, architecture, sha256, bundle.classifier(), Instant.now());
        }

        /** @return the model file's bytes */
        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
