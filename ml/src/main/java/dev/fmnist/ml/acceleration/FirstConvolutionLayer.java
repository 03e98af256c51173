package dev.fmnist.ml.acceleration;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * DL4J's convolution layer as the network's first layer, with a backward pass that computes only the parameter
 * gradients. DL4J's {@code ConvolutionLayer} starts its backward pass by running the forward convolution again (to
 * get the pre-activation for the activation's derivative) and then lets oneDNN compute the weight, bias and input
 * gradients together; for the first layer the input gradient is the gradient of the images, which
 * {@code MultiLayerNetwork} throws away.
 *
 * <p>Here, in a training forward pass (still DL4J's, with its oneDNN helper), a copy of the output is kept; the
 * backward pass derives ReLU's derivative from its sign (exact: output &gt; 0 exactly where the pre-activation is) or
 * uses the incoming gradient as it is for the identity, and returns no input gradient. With one input channel the
 * weight gradient is itself a convolution: {@code dW[o,0,i,j] = Σ_{n,y,x} δ[n,o,y,x] · in_pad[n,0,y+i,x+j]} is the
 * cross-correlation of the images, seen as one image of {@code N} channels {@code [1,N,H,W]}, with the deltas, seen
 * as {@code O} filters of {@code N} channels ({@code [oH,oW,N,O]}, a view), and the layer's padding; libnd4j's
 * {@code conv2d} (oneDNN) computes it straight into the gradient view. The bias gradient is
 * {@code δ.sum(0,2,3)}.
 *
 * <p>Used only where that holds ({@link #supports}); a mask, weight noise or a kept output that is no longer valid
 * falls back to DL4J's backward pass (which then also computes the input gradient).
 */
final class FirstConvolutionLayer extends ConvolutionLayer {

    private final KeptOutput kept = new KeptOutput();

    FirstConvolutionLayer(NeuralNetConfiguration conf, DataType dataType, ConvolutionHelper helper) {
        super(conf, dataType);
        // the forward pass stays DL4J's: with the original layer's (oneDNN) helper, or none
        this.helper = helper;
    }

    /**
     * Replaces {@code layers[0]}, when it is a DL4J convolution this layer supports, by a {@code FirstConvolutionLayer}
     * on the same configuration, parameter and gradient views, helper, listeners and counters.
     *
     * Not when the network has an input preprocessor (its backward pass would get no gradient to transform).
     * {@code MultiLayerNetwork.backpropGradient(epsilon, ...)}, the one caller that wants the gradient of the input,
     * gets none from the replaced network.
     *
     * @param layers the network's layer array, as {@code getLayers()} returns it
     * @param applied gets "0:ConvolutionLayer:FirstConvolutionLayer without input gradient" when it does
     */
    static void install(MultiLayerNetwork network, Layer[] layers, List<String> applied) {
        if (layers.length == 0
                || layers[0].getClass() != ConvolutionLayer.class
                || network.getLayerWiseConfigurations().getInputPreProcess(0) != null) {
            return;
        }
        ConvolutionLayer layer = (ConvolutionLayer) layers[0];
        DataType dataType =
                layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY).dataType();
        if (!supports(layer.layerConf(), dataType)) {
            return;
        }
        // allowInputModification false, as MultiLayerNetwork.init() leaves the first layer: the input is the caller's
        FirstConvolutionLayer replacement = LayerState.moveTo(
                layer,
                new FirstConvolutionLayer(layer.conf(), dataType, (ConvolutionHelper) layer.getHelper()),
                0,
                false);
        layers[0] = replacement;
        applied.add("0:ConvolutionLayer:" + FirstConvolutionLayer.class.getSimpleName() + " without input gradient");
    }

    /**
     * @return whether {@code conf} is a convolution this layer computes exactly: NCHW, one input channel, stride and
     *     dilation 1, FLOAT, ReLU or no activation, no weight noise, and symmetric padding (explicit, or "same" with
     *     odd kernels)
     */
    static boolean supports(org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf, DataType dataType) {
        int[] kernel = conf.getKernelSize();
        boolean symmetricPadding =
                conf.getConvolutionMode() != ConvolutionMode.Same || (kernel[0] % 2 == 1 && kernel[1] % 2 == 1);
        return conf.getClass() == org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class
                && dataType == DataType.FLOAT
                && conf.getNIn() == 1
                && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && Arrays.equals(conf.getStride(), new int[] {1, 1})
                && Arrays.equals(conf.getDilation(), new int[] {1, 1})
                && conf.getConvolutionMode() != ConvolutionMode.Causal
                && symmetricPadding
                && conf.getWeightNoise() == null
                && KeptOutput.supports(conf.getActivationFn());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = super.activate(training, workspaceMgr);
        kept.keep(training, layerConf().getActivationFn(), output, input, workspaceMgr);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray delta = kept.delta(layerConf().getActivationFn(), input, epsilon);
        if (delta == null
                || maskArray != null
                || input.dataType() != DataType.FLOAT
                || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0, 2, 3);
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        weightGradient(input, delta, padding(), weightGradient);
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, null);
    }

    /** The top/left (= bottom/right) padding DL4J uses for this layer. */
    private int[] padding() {
        if (convolutionMode == ConvolutionMode.Same) {
            int[] kernel = layerConf().getKernelSize();
            return new int[] {(kernel[0] - 1) / 2, (kernel[1] - 1) / 2};
        }
        return layerConf().getPadding();
    }

    /**
     * {@code dW = correlate(in_pad, δ)} for one input channel, written into {@code weightGradient} [O,1,kH,kW].
     *
     * @param input [N,1,H,W]
     * @param delta [N,O,oH,oW], the gradient of the pre-activation
     */
    static void weightGradient(INDArray input, INDArray delta, int[] padding, INDArray weightGradient) {
        long n = input.size(0);
        long outChannels = delta.size(1);
        // the images as one image of N channels (a view of a c-ordered array)
        INDArray images = input.reshape('c', 1, n, input.size(2), input.size(3));
        // the deltas as O filters of N channels, in libnd4j's [kH,kW,iC,oC] weight layout: a view, [oH,oW,N,O]
        // (measured: as fast as the convolution itself, where a c-ordered [O,N,oH,oW] copy took twice that)
        INDArray filters = delta.permute(2, 3, 0, 1);
        INDArray out = Shape.newShapeNoCopy(
                weightGradient, new long[] {1, outChannels, weightGradient.size(2), weightGradient.size(3)}, false);
        if (out == null) {
            throw new IllegalStateException(
                    "weight gradient view is not contiguous: " + weightGradient.shapeInfoToString());
        }
        Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(images, filters)
                .addOutputs(out)
                .addIntegerArguments(
                        (int) filters.size(0),
                        (int) filters.size(1), // "kernel": the output's size
                        1,
                        1, // stride
                        padding[0],
                        padding[1],
                        1,
                        1, // dilation
                        0, // explicit padding
                        0, // NCHW
                        0) // weights [kH, kW, iC, oC]
                .build());
    }
}
