package dev.fmnist.ml.architecture;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.InputLayout;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * LeNet-5 for 28×28 inputs (61,706 parameters): conv 6@5×5 (same padding) → max-pool 2 → conv 16@5×5 → max-pool 2
 * → dense 120 → dense 84 → softmax 10, NCHW. Own parameters: {@code activation} (default {@code relu}),
 * {@code dropout} before the dense layers (default 0); plus the common ones of {@link CommonSettings}.
 */
public final class LeNet5 implements NetworkArchitecture {

    @Override
    public String name() {
        return "lenet5";
    }

    @Override
    public String description() {
        return "LeNet-5: conv6-pool-conv16-pool-120-84-10";
    }

    @Override
    public InputLayout layout() {
        return InputLayout.IMAGE;
    }

    @Override
    public MultiLayerConfiguration configure(HyperParameters p) {
        String activationName = p.getChoice("activation", "relu", CommonSettings.ACTIVATIONS);
        Activation activation = CommonSettings.activation(activationName);
        double dropout = p.getDouble("dropout", 0.0, 0.0, 0.95);
        DenseLayer.Builder dense120 = new DenseLayer.Builder().nOut(120).activation(activation);
        DenseLayer.Builder dense84 = new DenseLayer.Builder().nOut(84).activation(activation);
        OutputLayer output = CommonSettings.output(p, 84, dropout);
        if (dropout > 0) {
            dense120.dropOut(new Dropout(1.0 - dropout)); // DL4J takes the probability of keeping a unit
            dense84.dropOut(new Dropout(1.0 - dropout));
        }
        return CommonSettings.base(p, activationName)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .nOut(6)
                        .padding(2, 2)
                        .activation(activation)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .nOut(16)
                        .activation(activation)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(dense120.build())
                .layer(dense84.build())
                .layer(output)
                .setInputType(InputType.convolutional(ImageGeometry.SIDE, ImageGeometry.SIDE, 1))
                .build();
    }
}
