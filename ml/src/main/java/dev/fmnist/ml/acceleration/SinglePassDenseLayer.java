package dev.fmnist.ml.acceleration;

import dev.fmnist.ml.engine.InnerProduct;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer with a backward pass that does only the work it needs. DL4J's {@code BaseLayer} starts its
 * backward pass by computing {@code input · W + b} again (the forward pass's result is gone by then) and always
 * computes the gradient with respect to its input, which for the network's first layer is the gradient of the
 * images, thrown away. For the first layer of the {@code mlp} that is two of its four matrix products.
 *
 * <p>Here, in a training forward pass, a copy of the layer's output is kept in the step's activation workspace;
 * the backward pass derives the activation's derivative from it — exact for ReLU (output &gt; 0 exactly where the
 * pre-activation is) and trivial for the identity — and skips the input gradient when {@code inputGradient} is
 * false. Everything else (bias and weight gradients, dropout, the workspace an array lives in) is DL4J's own code
 * path. Any other activation, layer norm, weight noise, a mask, or a kept output that is no longer valid falls back
 * to DL4J's backward pass.
 */
final class SinglePassDenseLayer extends DenseLayer {

    private final boolean inputGradient;
    private final KeptOutput kept = new KeptOutput();

    SinglePassDenseLayer(NeuralNetConfiguration conf, DataType dataType, boolean inputGradient) {
        super(conf, dataType);
        this.inputGradient = inputGradient;
    }

    /**
     * {@code input · W + b} as libnd4j's {@code xw_plus_b} op (one oneDNN inner product on the CPU build) instead of
     * DL4J's {@code mmul} (OpenBLAS) and a separate bias addition, for the shapes where that is faster
     * ({@link InnerProduct}); the rest as DL4J's {@code BaseLayer}.
     */
    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!hasBias()
                || hasLayerNorm()
                || maskArray != null
                || layerConf().getWeightNoise() != null
                || weights.dataType() != DataType.FLOAT
                || input == null
                || input.rank() != 2
                || input.dataType() != DataType.FLOAT
                || input.ordering() != 'c'
                || !Shape.hasDefaultStridesForShape(input)
                || input.columns() != weights.rows()) {
            // a view (LeNet-5's flattened feature maps) sends xw_plus_b down a path 8x slower than mmul at batch 1
            return super.preOutput(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, weights.dataType(), input.size(0), weights.size(1));
        return InnerProduct.compute(input, weights, getParam(DefaultParamInitializer.BIAS_KEY), z);
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
        if (delta == null || maskArray != null || hasLayerNorm() || layerConf().getWeightNoise() != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray epsilonNext = null;
        if (inputGradient) {
            epsilonNext = workspaceMgr.createUninitialized(
                    ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[] {weights.size(0), delta.size(0)}, 'f');
            epsilonNext = weights.mmuli(delta.transpose(), epsilonNext).transpose();
            epsilonNext = backpropDropOutIfPresent(epsilonNext);
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext);
    }
}
