package dev.fmnist.ml.architecture;

import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitecturesTest {

    @BeforeAll
    static void runtime() {
        Dl4jRuntime.initialise();
    }

    @Test
    void theBuiltInArchitecturesAreFoundByName() {
        assertThat(Architectures.all()).containsKeys("softmax", "mlp", "lenet5");
        assertThat(Architectures.find("LeNet5")).containsInstanceOf(LeNet5.class);
        assertThat(Architectures.find("resnet")).isEmpty();
    }

    @Test
    void networksHaveTheDocumentedParameterCounts() {
        assertThat(network("softmax", Map.of()).numParams()).isEqualTo(7_850);
        assertThat(network("mlp", Map.of()).numParams()).isEqualTo(235_146);
        assertThat(network("mlp", Map.of("hiddenLayers", List.of(32))).numParams()).isEqualTo(784 * 32 + 32 + 330);
        assertThat(network("lenet5", Map.of()).numParams()).isEqualTo(61_706);
    }

    @Test
    void leNetConvolutionsAndPoolingRunOnOneDnn() {
        assertThat(Dl4jRuntime.oneDnnEnabled()).as("native library built with oneDNN").isTrue();
        MultiLayerNetwork lenet = network("lenet5", Map.of());
        assertThat(Dl4jRuntime.oneDnnHelpers(lenet)).contains(
                "0:ConvolutionLayer:MKLDNNConvHelper", "1:SubsamplingLayer:MKLDNNSubsamplingHelper",
                "2:ConvolutionLayer:MKLDNNConvHelper", "3:SubsamplingLayer:MKLDNNSubsamplingHelper");
    }

    private static MultiLayerNetwork network(String name, Map<String, Object> parameters) {
        MultiLayerNetwork network = new MultiLayerNetwork(TrainingSpec.defaults(name, 1).withParameters(parameters)
                .resolve(1000).configuration());
        network.init();
        return network;
    }
}
