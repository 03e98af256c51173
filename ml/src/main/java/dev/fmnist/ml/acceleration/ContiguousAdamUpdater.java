package dev.fmnist.ml.acceleration;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DL4J's Adam with the same state (the block's m and v views, so a saved network's updater state is unchanged) and
 * the same float arithmetic as libnd4j's {@code adamUpdater} op, including its bias correction folded into the step
 * size, as one plain loop over the contiguous gradient and state instead of the op's per-element {@code std::function}
 * (measured: 0.55 against 1.5–1.7 ms for the mlp's 235,146 parameters). Arrays that are not contiguous FLOAT vectors
 * go to DL4J's own implementation.
 */
public final class ContiguousAdamUpdater extends AdamUpdater {

    public ContiguousAdamUpdater(Adam config) {
        super(config);
    }

    /**
     * Replaces DL4J's Adam in every updater block of the network (creating its updater if needed).
     *
     * @return per block replaced, "updater block i:ContiguousAdamUpdater"
     */
    public static List<String> install(MultiLayerNetwork network) {
        List<String> applied = new ArrayList<>();
        Updater updater = network.getUpdater();
        if (!(updater instanceof BaseMultiLayerUpdater<?> multiLayer)) {
            return applied;
        }
        List<UpdaterBlock> blocks = multiLayer.getUpdaterBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock block = blocks.get(i);
            block.init();
            if (block.getGradientUpdater() != null && block.getGradientUpdater().getClass() == AdamUpdater.class) {
                AdamUpdater original = (AdamUpdater) block.getGradientUpdater();
                ContiguousAdamUpdater replacement = new ContiguousAdamUpdater(original.getConfig());
                replacement.setM(original.getM());
                replacement.setV(original.getV());
                replacement.setGradientReshapeOrder(original.getGradientReshapeOrder());
                block.setGradientUpdater(replacement);
                applied.add("updater block " + i + ":" + ContiguousAdamUpdater.class.getSimpleName());
            }
        }
        return applied;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null
                || v == null
                || !contiguous(gradient, m.length())
                || !contiguous(m, m.length())
                || !contiguous(v, m.length())) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam config = getConfig();
        // as libnd4j's adamUpdater (T = float): every constant in float, the step size's division in double
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float beta1T = (float) Math.pow(beta1, (float) iteration + 1);
        float beta2T = (float) Math.pow(beta2, (float) iteration + 1);
        float epsilonT = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
            epsilonT = epsilon;
        }
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        int n = Math.toIntExact(m.length());
        FloatBuffer g = floats(gradient, n);
        FloatBuffer mb = floats(m, n);
        FloatBuffer vb = floats(v, n);
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = beta1 * mb.get(i) + gi * oneMinusBeta1;
            float vi = beta2 * vb.get(i) + gi * gi * oneMinusBeta2;
            mb.put(i, mi);
            vb.put(i, vi);
            g.put(i, (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    /** A FLOAT vector (or any shape) whose elements lie one after another in memory. */
    private static boolean contiguous(INDArray array, long length) {
        return array.dataType() == DataType.FLOAT
                && array.length() == length
                && array.length() <= Integer.MAX_VALUE
                && (array.length() == 1 || array.elementWiseStride() == 1)
                && (array.isVector() || array.isScalar());
    }

    /** The array's elements from its first (views included), as a direct buffer. */
    private static FloatBuffer floats(INDArray array, int length) {
        FloatPointer pointer = new FloatPointer(array.data().addressPointer());
        return pointer.capacity(length).asBuffer();
    }
}
