package dev.fmnist.ml.architecture;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.InputLayout;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured 94% recipe's network (585k parameters): three blocks of two 3×3 convolutions (same padding, no bias,
 * batch norm, ReLU) of 32, 64 and 128 channels, each block ending in a 2×2 max-pool (the last 7→3, rounding down)
 * and dropout 0.1 → dense 256 (no bias) → batch norm → ReLU → dropout 0.3 → softmax 10. NCHW (NHWC crashed inside
 * oneDNN). Own parameters: {@code width} (channels of the first block, doubled per block; 32), {@code dense} (256),
 * {@code convDropout} (0.1), {@code dropout} before the output (0.3); plus the common ones of
 * {@link CommonSettings}.
 *
 * <p>Its {@link #defaults()} are the recipe: standardised input, Nesterov momentum 0.95↔0.85 with L2 5e-4, a
 * one-cycle learning rate peaking at the job's learning rate (0.1 by default: 0.004 → 0.1 → 4e-7), label smoothing
 * 0.1, 1/12 of the images held out for validation (5,000 of 60,000), and each epoch freshly augmented images (shifts of up to 2 px, horizontal flips); batch 128, 15 epochs.
 */
public final class ConvNet implements NetworkArchitecture {

    private static final Map<String, Object> RECIPE = recipe();

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "CNN: (conv3-BN-ReLU ×2, max-pool, dropout) × 3 blocks of 32/64/128 channels, dense 256-BN, 10";
    }

    @Override
    public InputLayout layout() {
        return InputLayout.IMAGE;
    }

    @Override
    public Map<String, Object> defaults() {
        return RECIPE;
    }

    @Override
    public double defaultLearningRate() {
        return 0.1;
    }

    @Override
    public int defaultEpochs() {
        return 15;
    }

    private static Map<String, Object> recipe() {
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put("normalization", "standard");
        recipe.put("validationFraction", 5000.0 / 60000.0); // 55,000 / 5,000 on the full training set
        recipe.put("optimizer", "momentum");
        recipe.put("momentum", 0.95);
        recipe.put("momentumLow", 0.85);
        recipe.put("l2", 5e-4);
        recipe.put("lrSchedule", "onecycle");
        recipe.put("lrStartDivisor", 25.0);
        recipe.put("lrEndDivisor", 1e4);
        recipe.put("lrWarmupFraction", 0.25);
        recipe.put("labelSmoothing", 0.1);
        recipe.put("augmentShift", 2);
        recipe.put("augmentFlip", true);
        return Map.copyOf(recipe);
    }

    @Override
    public MultiLayerConfiguration configure(HyperParameters p) {
        int width = p.getInt("width", 32, 1, 512);
        int dense = p.getInt("dense", 256, 1, 8192);
        double convDropout = p.getDouble("convDropout", 0.1, 0.0, 0.95);
        double dropout = p.getDouble("dropout", 0.3, 0.0, 0.95);
        NeuralNetConfiguration.ListBuilder layers = CommonSettings.base(p, "relu")
                .convolutionMode(ConvolutionMode.Same)
                .list();
        for (int block = 0; block < 3; block++) {
            int channels = width << block;
            for (int conv = 0; conv < 2; conv++) {
                layers.layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(channels)
                        .hasBias(false)
                        .activation(Activation.IDENTITY)
                        .build());
                layers.layer(new BatchNormalization.Builder().build());
                layers.layer(new ActivationLayer.Builder()
                        .activation(Activation.RELU)
                        .build());
            }
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build());
            if (convDropout > 0) {
                layers.layer(dropout(convDropout));
            }
        }
        layers.layer(new DenseLayer.Builder()
                .nOut(dense)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .build());
        layers.layer(new BatchNormalization.Builder().build());
        layers.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        return layers.layer(CommonSettings.output(p, dense, dropout))
                .setInputType(InputType.convolutional(ImageGeometry.SIDE, ImageGeometry.SIDE, 1))
                .build();
    }

    private static DropoutLayer dropout(double probability) {
        return new DropoutLayer.Builder(new Dropout(1.0 - probability)).build(); // DL4J takes the keep probability
    }
}
