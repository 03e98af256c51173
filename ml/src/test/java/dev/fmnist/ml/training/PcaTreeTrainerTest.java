package dev.fmnist.ml.training;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.ModelMetadata;
import dev.fmnist.ml.architecture.InvalidHyperParameterException;
import dev.fmnist.ml.engine.PcaTreeModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The {@code pca-tree} architecture: a hand-checked tiny case, the real fixture, seeding and its parameters. */
class PcaTreeTrainerTest {

    private static final int PIXEL = 300;

    /**
     * Twelve images that differ in one pixel only: six dark (four of class 0, two of class 3), six bright (one of
     * class 0, five of class 7). The only principal component is that pixel; the tree splits dark from bright, and
     * each leaf holds its images' class shares: dark 4/6 and 2/6, bright 1/6 and 5/6.
     */
    @Test
    void aTinyCaseGivesTheHandComputedLeafShares() {
        List<byte[]> images = new ArrayList<>();
        int[] labels = {0, 0, 0, 0, 3, 3, 0, 7, 7, 7, 7, 7};
        for (int i = 0; i < labels.length; i++) {
            images.add(image(i < 6 ? 0 : 255));
        }
        TrainingSpec spec = TrainingSpec.of(
                "pca-tree", 1, null, null, 7L, Map.of("validationFraction", 0.0, "minLeaf", 1, "pcaVariance", 0.9), 0);
        List<TrainingUpdate> epochs = new ArrayList<>();

        TrainingResult result = ModelTrainer.fit(spec, new TrainingData(images, labels), new TrainingListener() {
            @Override
            public void onEpoch(TrainingUpdate update) {
                epochs.add(update);
            }
        });

        PcaTreeModel tree = (PcaTreeModel) result.bundle().model();
        assertThat(tree.components()).as("one pixel varies: one component").isEqualTo(1);
        assertThat(tree.nodes()).as("one split, two leaves").isEqualTo(3);
        double[][] p = result.bundle().classifier().predictProbabilities(List.of(image(0), image(255), image(200)));
        assertThat(p[0]).containsExactly(new double[] {4 / 6.0, 0, 0, 2 / 6.0, 0, 0, 0, 0, 0, 0}, within(1e-9));
        assertThat(p[1]).containsExactly(new double[] {1 / 6.0, 0, 0, 0, 0, 0, 0, 5 / 6.0, 0, 0}, within(1e-9));
        assertThat(p[2]).as("closer to bright than to dark").containsExactly(p[1], within(1e-12));
        // one "epoch": training accuracy 9/12, loss the mean -ln p(true class)
        assertThat(epochs).hasSize(1);
        assertThat(epochs.get(0).trainAccuracy()).isCloseTo(9 / 12.0, within(1e-9));
        double logLoss =
                -(4 * Math.log(4 / 6.0) + 2 * Math.log(2 / 6.0) + Math.log(1 / 6.0) + 5 * Math.log(5 / 6.0)) / 12;
        assertThat(epochs.get(0).loss()).isCloseTo(logLoss, within(1e-9));
        assertThat(result.bundle().metadata().engine()).isEqualTo(ModelMetadata.TREE_ENGINE);
        assertThat(result.bundle().metadata().parameterCount())
                .as("784 means + 784 basis numbers + 3 nodes")
                .isEqualTo(2 * 784 + 3);
    }

    @Test
    void onTheRealFixtureItBeatsSixtyPercentAndTheSameSeedGrowsTheSameTree() throws Exception {
        TrainingSpec spec = TrainingSpec.of("pca-tree", 1, null, null, 42L, Map.of(), 0);

        TrainingResult first = ModelTrainer.fit(spec, FixtureData.train(), null);
        TrainingResult second = ModelTrainer.fit(spec, FixtureData.train(), null);

        double accuracy =
                ModelEvaluator.evaluate(first.bundle(), FixtureData.test()).accuracy();
        assertThat(accuracy).as("test accuracy on the fixture").isGreaterThan(0.60);
        assertThat(first.validation().accuracy()).isGreaterThan(0.5);
        assertThat(first.epochs()).hasSize(1);
        for (String entry : List.of(PcaTreeModel.PCA_ENTRY, PcaTreeModel.TREE_ENTRY)) {
            assertThat(Arrays.equals(
                            second.bundle().model().fileEntries().get(entry),
                            first.bundle().model().fileEntries().get(entry)))
                    .as("same seed, same " + entry)
                    .isTrue();
        }
        assertThat(second.validation().accuracy()).isEqualTo(first.validation().accuracy());
        ModelBundle reloaded = ModelBundle.fromBytes(first.bundle().toBytes());
        assertThat(reloaded.classifier().predictProbabilities(FixtureData.test().images()))
                .isDeepEqualTo(first.bundle()
                        .classifier()
                        .predictProbabilities(FixtureData.test().images()));
        assertThat(first.bundle().metadata().hyperParameters())
                .containsEntry("epochs", 1)
                .containsEntry("pcaComponents", 30)
                .containsEntry("criterion", "entropy")
                .containsEntry("minLeaf", 50)
                .doesNotContainKey("learningRate");
    }

    @Test
    void itsParametersAreCheckedLikeANetworksAndBothPcaSizesAreRefused() {
        TrainingData data = FixtureData.train();

        assertThatThrownBy(() -> ModelTrainer.train(
                        TrainingSpec.of("pca-tree", 1, null, null, 1L, Map.of("hiddenLayers", List.of(8)), 0),
                        data,
                        null))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("unknown parameter(s) [hiddenLayers]");
        assertThatThrownBy(() -> ModelTrainer.train(
                        TrainingSpec.of(
                                "pca-tree", 1, null, null, 1L, Map.of("pcaVariance", 0.8, "pcaComponents", 20), 0),
                        data,
                        null))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ModelTrainer.train(
                        TrainingSpec.of("pca-tree", 1, null, null, 1L, Map.of("criterion", "misclassification"), 0),
                        data,
                        null))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("criterion");
        assertThatThrownBy(() -> TrainingSpec.of("pca-tree", 1, null, null, 1L, Map.of("augmentShift", 2), 0)
                        .resolve(100))
                .as("augmentation means nothing to a tree")
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("augmentShift");
        assertThat(TrainingSpec.of("pca-tree", 1, null, null, 1L, Map.of("pcaVariance", 0.8), 0)
                        .resolve(100)
                        .hyperParameters())
                .containsEntry("pcaVariance", 0.8)
                .doesNotContainKey("pcaComponents");
    }

    private static byte[] image(int level) {
        byte[] pixels = new byte[ImageGeometry.PIXELS];
        pixels[PIXEL] = (byte) level;
        return pixels;
    }
}
