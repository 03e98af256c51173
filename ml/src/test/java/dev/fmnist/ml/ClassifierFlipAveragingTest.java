package dev.fmnist.ml;

import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.testing.Fixtures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierFlipAveragingTest {

    @Test
    void aModelTrainedWithTestTimeFlipAveragesTheImageAndItsMirrorAlsoAfterReloading() throws IOException {
        TrainingData train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
        List<byte[]> images =
                IdxFiles.read(Fixtures.fashionMnistMini(), "t10k").images().subList(0, 30);
        ModelBundle flipping = ModelTrainer.train(
                TrainingSpec.of("softmax", 1, null, null, null, Map.of(Classifier.TEST_TIME_FLIP, true), 0),
                train,
                null);
        assertThat(flipping.metadata().hyperParameters()).containsEntry(Classifier.TEST_TIME_FLIP, true);
        assertThat(flipping.classifier().flipAveraging()).isTrue();

        Map<String, Object> without = new HashMap<>(flipping.metadata().hyperParameters());
        without.put(Classifier.TEST_TIME_FLIP, false);
        ModelMetadata m = flipping.metadata();
        Classifier plain = new ModelBundle(
                        flipping.network(),
                        new ModelMetadata(
                                m.architecture(),
                                m.layout(),
                                m.normalization(),
                                m.classNames(),
                                without,
                                m.framework(),
                                m.backend(),
                                m.parameterCount()))
                .classifier();
        assertThat(plain.flipAveraging()).isFalse();

        double[][] averaged = flipping.classifier().predictProbabilities(images);
        double[][] direct = plain.predictProbabilities(images);
        double[][] mirrored = plain.predictProbabilities(
                images.stream().map(Classifier::mirror).toList());
        assertThat(java.util.Arrays.deepEquals(averaged, direct))
                .as("the mirror changes the predictions")
                .isFalse();
        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < 10; c++) {
                assertThat(averaged[i][c]).isCloseTo((direct[i][c] + mirrored[i][c]) / 2, Offset.offset(1e-6));
            }
        }
        ModelBundle reloaded = ModelBundle.fromBytes(flipping.toBytes());
        assertThat(reloaded.classifier().flipAveraging()).isTrue();
        assertThat(reloaded.classifier().predictProbabilities(images)).isDeepEqualTo(averaged);
        // a mirror of a mirror is the image
        assertThat(Classifier.mirror(Classifier.mirror(images.get(0)))).isEqualTo(images.get(0));
        assertThat(Classifier.mirror(images.get(0))).isNotEqualTo(images.get(0));
    }
}
