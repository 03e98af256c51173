package dev.fmnist.ml.acceleration;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trainer does to a DL4J network after {@code init()} and before the first {@code fit}, so that a
 * training step does less work; none of it changes the saved network (DL4J's own layers and configuration).
 * <ol>
 *   <li><b>The first convolution</b> (one input channel, stride 1) becomes a {@link FirstConvolutionLayer}: no
 *       gradient of the images, no second forward convolution in backprop, the weight gradient as one convolution
 *       of the images with the deltas.</li>
 *   <li><b>Dense layers</b> with ReLU or no activation become {@link SinglePassDenseLayer}s (the same layer with its
 *       product as one oneDNN inner product, a backward pass that does not repeat the forward product, and for the
 *       first layer does not compute the gradient of the images). {@code MultiLayerNetwork} has no hook for layer implementations: its layer array
 *       ({@code getLayers()} returns it) gets the replacement, built on the same parameter and gradient views; its
 *       by-name map keeps the original, which only {@code getLayer(String)} reads.</li>
 *   <li><b>Batch-norm statistics</b>: each oneDNN batch-norm layer gets a {@link ChannelStatisticsBatchNormHelper}
 *       in place of DL4J's {@code MKLDNNBatchNormHelper}, identical except for how the mini-batch mean and variance
 *       are reduced. DL4J offers no hook for its helpers: the field is set by reflection, and when that fails (a
 *       different DL4J), the layer keeps DL4J's helper and training is only slower.</li>
 *   <li><b>Adam</b>: each updater block's DL4J {@code AdamUpdater} becomes a {@link ContiguousAdamUpdater} on the
 *       same state (one loop instead of libnd4j's per-element lambda).</li>
 * </ol>
 * Layers on other backends (cuDNN helpers on CUDA) or without a helper are left as they are.
 */
public final class TrainingAccelerations {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingAccelerations.class);

    private TrainingAccelerations() {}

    /**
     * @param network an initialised network about to be trained
     * @return per change made, "index:Layer:what" (for logs and tests)
     */
    public static List<String> apply(MultiLayerNetwork network) {
        List<String> applied = new ArrayList<>();
        Layer[] layers = network.getLayers();
        FirstConvolutionLayer.install(network, layers, applied);
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].getClass() == DenseLayer.class
                    && KeptOutput.supports(((DenseLayer) layers[i]).layerConf().getActivationFn())) {
                layers[i] = singlePass((DenseLayer) layers[i], i);
                applied.add(i + ":DenseLayer:" + SinglePassDenseLayer.class.getSimpleName()
                        + (i == 0 ? " without input gradient" : ""));
            }
            if (layers[i] instanceof BatchNormalization batchNorm
                    && batchNorm.getHelper() instanceof MKLDNNBatchNormHelper) {
                if (replaceHelper(batchNorm, new ChannelStatisticsBatchNormHelper())) {
                    applied.add(i + ":" + layers[i].getClass().getSimpleName() + ":"
                            + ChannelStatisticsBatchNormHelper.class.getSimpleName());
                }
            }
        }
        applied.addAll(ContiguousAdamUpdater.install(network));
        return applied;
    }

    /** The same layer (configuration, parameter and gradient views, listeners, counters) with the lean backprop. */
    private static SinglePassDenseLayer singlePass(DenseLayer layer, int index) {
        return LayerState.moveTo(
                layer,
                new SinglePassDenseLayer(
                        layer.conf(),
                        layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType(),
                        index > 0),
                index,
                index > 0);
    }

    private static boolean replaceHelper(BatchNormalization layer, Object helper) {
        try {
            Field field = BatchNormalization.class.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("batch norm keeps DL4J's oneDNN helper (slower statistics): {}", e.toString());
            return false;
        }
    }
}
