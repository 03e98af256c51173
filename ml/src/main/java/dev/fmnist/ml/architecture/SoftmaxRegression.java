package dev.fmnist.ml.architecture;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.InputLayout;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** Multinomial logistic regression: one dense softmax layer over the 784 pixels (7,850 parameters). */
public final class SoftmaxRegression implements NetworkArchitecture {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String description() {
        return "softmax regression: 784 -> 10";
    }

    @Override
    public InputLayout layout() {
        return InputLayout.FLAT;
    }

    @Override
    public MultiLayerConfiguration configure(HyperParameters p) {
        return CommonSettings.base(p, "linear")
                .list()
                .layer(CommonSettings.output(p, ImageGeometry.PIXELS, 0.0))
                .build();
    }
}
