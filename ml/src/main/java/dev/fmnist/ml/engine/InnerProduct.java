package dev.fmnist.ml.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer's product {@code z = x · W + b}, computed the faster of two ways for the layer's shape: libnd4j's
 * {@code xw_plus_b} op, which the oneDNN build runs as one oneDNN inner product, or ND4J's {@code mmul} (OpenBLAS)
 * followed by a bias addition. Which one is faster depends on the shape, and by a wide margin (CPU µs per call, one
 * OpenMP thread, this project's oneDNN build, 128 rows): 784→256: 303 against 618; 256→128: 61 / 168; 400→64: 60 /
 * 152; 784→1024: 1,124 / 2,263 — but 400→120: 1,475 / 227; 120→84: 482 / 89; 784→100: 2,584 / 259; 400→96: 1,308 /
 * 191; 784→10: 274 / 150 (256 rows); the slow shapes cost about as much at one row, which points at oneDNN
 * building its primitive afresh on every call. oneDNN is taken where every measured shape was faster on it: a
 * width of inputs divisible by 16 and a power-of-two width of outputs of at least 16.
 */
public final class InnerProduct {

    private InnerProduct() {}

    /** @return whether oneDNN's inner product is the faster way for {@code inputs → outputs} */
    public static boolean oneDnnFaster(long inputs, long outputs) {
        return inputs % 16 == 0 && outputs >= 16 && Long.bitCount(outputs) == 1;
    }

    /**
     * @param x    {@code [n, inputs]}, FLOAT
     * @param w    {@code [inputs, outputs]}
     * @param b    {@code [outputs]} or {@code [1, outputs]}
     * @param into {@code [n, outputs]}, overwritten with {@code x · w + b}
     * @return {@code into}
     */
    public static INDArray compute(INDArray x, INDArray w, INDArray b, INDArray into) {
        if (oneDnnFaster(w.size(0), w.size(1))) {
            Nd4j.exec(new XwPlusB(new INDArray[] {x, w, b.reshape(b.length())}, into));
        } else {
            x.mmuli(w, into);
            into.addiRowVector(b);
        }
        return into;
    }
}
