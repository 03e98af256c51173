package dev.fmnist.ml.architecture;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.InputLayout;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

import java.util.List;

/**
 * A fully connected network. Own parameters: {@code hiddenLayers} (sizes, default {@code [256, 128]}),
 * {@code activation} ({@code relu} default, {@code leakyrelu}, {@code tanh}, {@code sigmoid}), {@code dropout}
 * (probability of dropping a hidden unit, default 0); plus the common ones of {@link CommonSettings}.
 */
public final class MultiLayerPerceptron implements NetworkArchitecture {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multi-layer perceptron: 784 -> hiddenLayers -> 10";
    }

    @Override
    public InputLayout layout() {
        return InputLayout.FLAT;
    }

    @Override
    public MultiLayerConfiguration configure(HyperParameters p) {
        List<Integer> hidden = p.getIntList("hiddenLayers", List.of(256, 128), 1, 8192);
        String activationName = p.getChoice("activation", "relu", CommonSettings.ACTIVATIONS);
        Activation activation = CommonSettings.activation(activationName);
        double dropout = p.getDouble("dropout", 0.0, 0.0, 0.95);
        NeuralNetConfiguration.ListBuilder layers =
                CommonSettings.base(p, activationName).list();
        long nIn = ImageGeometry.PIXELS;
        for (int i = 0; i < hidden.size(); i++) {
            DenseLayer.Builder dense =
                    new DenseLayer.Builder().nIn(nIn).nOut(hidden.get(i)).activation(activation);
            if (i > 0 && dropout > 0) {
                dense.dropOut(new Dropout(1.0 - dropout)); // DL4J takes the probability of keeping a unit
            }
            layers.layer(dense.build());
            nIn = hidden.get(i);
        }
        return layers.layer(CommonSettings.output(p, nIn, dropout)).build();
    }
}
