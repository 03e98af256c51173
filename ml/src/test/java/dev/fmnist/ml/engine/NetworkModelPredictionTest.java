package dev.fmnist.ml.engine;

import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.ModelMetadata;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.testing.Fixtures;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The inference path (reused input tensor, bulk output conversion, the dense fast path) gives the probabilities DL4J
 * gives for the same network through {@code output(fromPixels(...)).toDoubleMatrix()}, the path before issue 17: to
 * 1e-6 through DL4J's own {@code output()}, and to 1e-5 through the dense fast path, whose oneDNN inner product sums
 * the 784 products in another order than OpenBLAS (float rounding; differences of about 1e-6 were seen).
 */
class NetworkModelPredictionTest {

    private static final double FAST_PATH_TOLERANCE = 1e-5;

    private static TrainingData train;
    private static List<byte[]> images;

    @BeforeAll
    static void data() throws IOException {
        train = IdxFiles.read(Fixtures.fashionMnistMini(), "train");
        images = IdxFiles.read(Fixtures.fashionMnistMini(), "t10k").images();
    }

    @ParameterizedTest
    @CsvSource({
        "softmax, '{}', true",
        "mlp, '{}', true",
        "mlp, '{\"activation\": \"tanh\", \"dropout\": 0.3, \"hiddenLayers\": [64, 32, 16]}', true",
        "mlp, '{\"activation\": \"sigmoid\", \"normalization\": \"standard\"}', true",
        "lenet5, '{}', false"
    })
    void predictsWhatDl4jOutputPredicts(String architecture, String hyperParameters, boolean fastPath)
            throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings =
                dev.fmnist.contracts.json.JsonCodec.mapper().readValue(hyperParameters, Map.class);
        ModelBundle bundle =
                ModelTrainer.train(TrainingSpec.of(architecture, 1, 64, null, 7L, settings, 0), train, null);
        NetworkModel model = (NetworkModel) bundle.model();
        assertThat(model.denseFastPath()).isEqualTo(fastPath);
        // sizes change and repeat: the kept input tensor and activation arrays are refilled or replaced
        for (int size : new int[] {1, 37, 37, 5, 120, 37}) {
            List<byte[]> batch = batch(size, size * 3);
            double[][] expected = reference(bundle, batch);
            double[][] actual = model.predictProbabilities(batch);
            assertClose(actual, expected, fastPath ? FAST_PATH_TOLERANCE : 1e-6);
        }
        NetworkModel reloaded =
                (NetworkModel) ModelBundle.fromBytes(bundle.toBytes()).model();
        assertThat(reloaded.denseFastPath()).isEqualTo(fastPath);
        List<byte[]> batch = batch(50, 11);
        assertClose(reloaded.predictProbabilities(batch), reference(bundle, batch), FAST_PATH_TOLERANCE);
    }

    @Test
    void theFastPathCanBeSwitchedOffAndGivesTheSameProbabilities() {
        ModelBundle bundle = ModelTrainer.train(TrainingSpec.of("mlp", 1, 64, null, 3L, Map.of(), 0), train, null);
        NetworkModel fast = (NetworkModel) bundle.model();
        NetworkModel viaOutput;
        System.setProperty(NetworkModel.DENSE_FAST_PATH, "false");
        try {
            viaOutput = new NetworkModel(bundle.network(), bundle.metadata());
        } finally {
            System.clearProperty(NetworkModel.DENSE_FAST_PATH);
        }
        assertThat(fast.denseFastPath()).isTrue();
        assertThat(viaOutput.denseFastPath()).isFalse();
        List<byte[]> batch = batch(64, 0);
        assertClose(fast.predictProbabilities(batch), viaOutput.predictProbabilities(batch), FAST_PATH_TOLERANCE);
        assertClose(viaOutput.predictProbabilities(batch), reference(bundle, batch), 1e-6);
    }

    @Test
    void anImageOfTheWrongSizeIsNamed() {
        ModelBundle bundle = ModelTrainer.train(TrainingSpec.of("softmax", 1, 64, null, 3L, Map.of(), 0), train, null);
        List<byte[]> batch = new ArrayList<>(batch(3, 0));
        batch.set(1, new byte[783]);
        assertThatThrownBy(() -> bundle.model().predictProbabilities(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image 1 has 783 pixels");
        // and the model still predicts afterwards
        assertClose(
                bundle.model().predictProbabilities(batch(3, 0)), reference(bundle, batch(3, 0)), FAST_PATH_TOLERANCE);
    }

    @Test
    void outputRowsEqualToDoubleMatrixForEveryLayout() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 9, 10);
        INDArray f = c.dup('f');
        INDArray view = Nd4j.rand(DataType.FLOAT, 20, 10).get(NDArrayIndex.interval(5, 14), NDArrayIndex.all());
        INDArray transposedView = Nd4j.rand(DataType.FLOAT, 10, 9).transpose();
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 10);
        for (INDArray array : List.of(c, f, view, transposedView, doubles)) {
            assertThat(OutputRows.toRows(array)).isDeepEqualTo(array.toDoubleMatrix());
        }
        assertThatThrownBy(() -> OutputRows.toRows(Nd4j.rand(DataType.FLOAT, 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[][] reference(ModelBundle bundle, List<byte[]> batch) {
        ModelMetadata metadata = bundle.metadata();
        INDArray input = Classifier.InputTensors.fromPixels(batch, metadata.normalization(), metadata.layout());
        return ((MultiLayerNetwork) bundle.network()).output(input, false).toDoubleMatrix();
    }

    private static List<byte[]> batch(int size, int from) {
        List<byte[]> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(images.get((from + i) % images.size()));
        }
        return batch;
    }

    private static void assertClose(double[][] actual, double[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).hasSize(expected[i].length);
            double sum = 0;
            for (int c = 0; c < expected[i].length; c++) {
                assertThat(actual[i][c]).as("image %d class %d", i, c).isCloseTo(expected[i][c], within(tolerance));
                sum += actual[i][c];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }
}
