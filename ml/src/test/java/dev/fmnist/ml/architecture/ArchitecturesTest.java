package dev.fmnist.ml.architecture;

import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.Normalization;
import dev.fmnist.ml.training.Augmentation;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitecturesTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.initialise();
    }

    @Test
    void theBuiltInArchitecturesAreFoundByName() {
        assertThat(Architectures.all()).containsKeys("softmax", "mlp", "lenet5", "cnn");
        assertThat(Architectures.find("CNN")).containsInstanceOf(ConvNet.class);
        assertThat(Architectures.find("LeNet5")).containsInstanceOf(LeNet5.class);
        assertThat(Architectures.find("resnet")).isEmpty();
    }

    @Test
    void networksHaveTheDocumentedParameterCounts() {
        assertThat(network("softmax", Map.of()).numParams()).isEqualTo(7_850);
        assertThat(network("mlp", Map.of()).numParams()).isEqualTo(235_146);
        assertThat(network("mlp", Map.of("hiddenLayers", List.of(32))).numParams())
                .isEqualTo(784 * 32 + 32 + 330);
        assertThat(network("lenet5", Map.of()).numParams()).isEqualTo(61_706);
    }

    @Test
    void leNetConvolutionsAndPoolingRunOnOneDnn() {
        assertThat(Dl4jRuntime.oneDnnEnabled())
                .as("native library built with oneDNN")
                .isTrue();
        MultiLayerNetwork lenet = network("lenet5", Map.of());
        assertThat(Dl4jRuntime.oneDnnHelpers(lenet))
                .contains(
                        "0:ConvolutionLayer:MKLDNNConvHelper", "1:SubsamplingLayer:MKLDNNSubsamplingHelper",
                        "2:ConvolutionLayer:MKLDNNConvHelper", "3:SubsamplingLayer:MKLDNNSubsamplingHelper");
    }

    @Test
    void theCnnIsTheRecipesNetworkWith584874TrainableParameters() {
        MultiLayerNetwork cnn = network("cnn", Map.of());
        long runningStatistics = 0;
        for (Map.Entry<String, INDArray> entry : cnn.paramTable().entrySet()) {
            if (entry.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                    || entry.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_VAR)
                    || entry.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                runningStatistics += entry.getValue().length();
            }
        }
        // DL4J keeps batch norm's running mean and (log10) standard deviation among the parameters (PyTorch: buffers)
        assertThat(runningStatistics).isEqualTo(2 * (32 + 32 + 64 + 64 + 128 + 128 + 256));
        assertThat(cnn.numParams() - runningStatistics).isEqualTo(584_874);
        assertThat(cnn.numParams()).isEqualTo(586_282);
        long convWeights = 0;
        for (org.deeplearning4j.nn.api.Layer layer : cnn.getLayers()) {
            if (layer.conf().getLayer() instanceof ConvolutionLayer conv) {
                assertThat(conv.hasBias()).isFalse();
                assertThat(conv.getKernelSize()).containsExactly(3, 3);
                convWeights += layer.numParams();
            }
            if (layer.conf().getLayer() instanceof DenseLayer dense) {
                assertThat(dense.getNIn()).as("flattened 128 × 3 × 3").isEqualTo(1_152);
                assertThat(dense.hasBias()).isFalse();
            }
        }
        assertThat(convWeights).isEqualTo(9L * (32 + 32 * 32 + 32 * 64 + 64 * 64 + 64 * 128 + 128 * 128));
        INDArray probabilities = cnn.output(Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28), false);
        assertThat(probabilities.shape()).containsExactly(3, 10);
        for (double sum : probabilities.sum(1).toDoubleVector()) {
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(network("cnn", Map.of("width", 16)).numParams()).isLessThan(300_000);
    }

    @Test
    void cnnConvolutionsBatchNormsAndPoolingRunOnOneDnn() {
        assertThat(Dl4jRuntime.oneDnnEnabled())
                .as("native library built with oneDNN")
                .isTrue();
        List<String> helpers = Dl4jRuntime.oneDnnHelpers(network("cnn", Map.of()));
        System.out.println("cnn oneDNN helpers: " + helpers);
        assertThat(helpers)
                .filteredOn(h -> h.endsWith(":ConvolutionLayer:MKLDNNConvHelper"))
                .hasSize(6);
        assertThat(helpers)
                .filteredOn(h -> h.endsWith(":BatchNormalization:MKLDNNBatchNormHelper"))
                .hasSize(7);
        assertThat(helpers)
                .filteredOn(h -> h.endsWith(":SubsamplingLayer:MKLDNNSubsamplingHelper"))
                .hasSize(3);
    }

    @Test
    void theCnnDefaultsAreTheRecipe() {
        TrainingSpec spec = TrainingSpec.of("cnn", null, null, null, null, Map.of(), 0);
        assertThat(spec.epochs()).isEqualTo(15);
        assertThat(spec.batchSize()).isEqualTo(128);
        assertThat(spec.learningRate()).isEqualTo(0.1);
        assertThat(spec.normalization()).isEqualTo(Normalization.standardised());
        assertThat(spec.validationFraction()).isCloseTo(1.0 / 12, org.assertj.core.data.Offset.offset(1e-9));
        TrainingSpec.Resolved resolved = spec.resolve(55_000);
        assertThat(resolved.labelSmoothing()).isEqualTo(0.1);
        assertThat(resolved.augmentation()).isEqualTo(new Augmentation(2, true));
        assertThat(resolved.hyperParameters())
                .containsEntry("optimizer", "momentum")
                .containsEntry("l2", 5e-4)
                .containsEntry("lrSchedule", "onecycle")
                .containsEntry("momentum", 0.95)
                .containsEntry("momentumLow", 0.85);
        // 55,000 images in batches of 128 for 15 epochs: 430 × 15 = 6,450 steps, as in the recipe
        Nesterovs updater =
                (Nesterovs) ((BaseLayer) resolved.configuration().getConf(0).getLayer()).getIUpdater();
        OneCycleSchedule lr = (OneCycleSchedule) updater.getLearningRateSchedule();
        assertThat(lr.getTotalSteps()).isEqualTo(6_450);
        assertThat(lr.valueAt(0, 0)).isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lr.valueAt(1_612, 0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(lr.valueAt(3_000, 0)).isBetween(4e-7, 0.1);
        assertThat(lr.valueAt(6_449, 14)).isCloseTo(4e-7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(updater.currentMomentum(0, 0)).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(updater.currentMomentum(1_612, 3)).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(updater.currentMomentum(6_449, 14)).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(((BaseLayer) resolved.configuration().getConf(0).getLayer()).getRegularization())
                .isNotEmpty();
    }

    @Test
    void theRecipesOptionsWorkForOtherArchitecturesAndOverridesAreHonoured() {
        TrainingSpec.Resolved mlp = TrainingSpec.of(
                        "mlp",
                        2,
                        null,
                        null,
                        null,
                        Map.of(
                                "labelSmoothing",
                                0.2,
                                "augmentShift",
                                1,
                                "augmentFlip",
                                "true",
                                "optimizer",
                                "momentum",
                                "lrSchedule",
                                "onecycle"),
                        0)
                .resolve(1000);
        assertThat(mlp.labelSmoothing()).isEqualTo(0.2);
        assertThat(mlp.augmentation()).isEqualTo(new Augmentation(1, true));
        TrainingSpec cnnWithAdam = TrainingSpec.of(
                "cnn",
                1,
                null,
                1e-3,
                null,
                Map.of("optimizer", "adam", "lrSchedule", "none", "augmentFlip", false, "normalization", "unit"),
                0);
        TrainingSpec.Resolved resolved = cnnWithAdam.resolve(1000); // the recipe's unread momentum is no unknown key
        assertThat(cnnWithAdam.normalization()).isEqualTo(Normalization.unitRange());
        assertThat(resolved.augmentation()).isEqualTo(new Augmentation(2, false));
        assertThat(resolved.hyperParameters())
                .containsEntry("optimizer", "adam")
                .doesNotContainKey("momentum");
        assertThatThrownBy(() -> TrainingSpec.of("cnn", 1, null, null, null, Map.of("labelSmoothing", 0.9), 0)
                        .resolve(1000))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("labelSmoothing");
        assertThatThrownBy(() -> TrainingSpec.of("cnn", 1, null, null, null, Map.of("augmentFlip", "maybe"), 0)
                        .resolve(1000))
                .isInstanceOf(InvalidHyperParameterException.class)
                .hasMessageContaining("augmentFlip");
    }

    private static MultiLayerNetwork network(String name, Map<String, Object> parameters) {
        MultiLayerNetwork network = new MultiLayerNetwork(TrainingSpec.defaults(name, 1)
                .withParameters(parameters)
                .resolve(1000)
                .configuration());
        network.init();
        return network;
    }
}
