package dev.fmnist.ml.acceleration;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.layers.BaseLayer;

/** Moves a DL4J layer's state onto its replacement, which then trains the same parameters. */
final class LayerState {

    private LayerState() {}

    /**
     * The replacement gets the original's parameter and gradient views (the network's flattened arrays, so the
     * updater sees no difference), listeners, index and counters.
     *
     * @param allowInputModification as {@code MultiLayerNetwork.init()} sets it: for every layer but the first
     */
    static <T extends BaseLayer<?>> T moveTo(
            BaseLayer<?> original, T replacement, int index, boolean allowInputModification) {
        replacement.setListeners(original.getListeners());
        replacement.setIndex(index);
        replacement.setParamsViewArray(original.params());
        replacement.setParamTable(original.paramTable());
        if (original.getGradientsViewArray() != null) {
            replacement.setBackpropGradientsViewArray(original.getGradientsViewArray());
        }
        replacement.setIterationCount(original.getIterationCount());
        replacement.setEpochCount(original.getEpochCount());
        replacement.setCacheMode(CacheMode.NONE);
        replacement.allowInputModification(allowInputModification);
        return replacement;
    }
}
