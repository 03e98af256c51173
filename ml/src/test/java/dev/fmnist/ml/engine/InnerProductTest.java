package dev.fmnist.ml.engine;

import dev.fmnist.ml.Dl4jRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** Whichever way a shape takes, the product is {@code x · W + b}. */
class InnerProductTest {

    @Test
    void oneDnnTakesTheMeasuredFastShapesOnly() {
        assertThat(InnerProduct.oneDnnFaster(784, 256)).isTrue();
        assertThat(InnerProduct.oneDnnFaster(256, 128)).isTrue();
        assertThat(InnerProduct.oneDnnFaster(400, 120)).isFalse(); // LeNet-5's dense layers
        assertThat(InnerProduct.oneDnnFaster(120, 84)).isFalse();
        assertThat(InnerProduct.oneDnnFaster(128, 10)).isFalse(); // every 10-way output
        assertThat(InnerProduct.oneDnnFaster(300, 64)).isFalse();
    }

    @Test
    void bothWaysComputeTheProductPlusBias() {
        Dl4jRuntime.initialise();
        for (long[] shape : new long[][] {{784, 256}, {400, 120}, {128, 10}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 37, shape[0]).subi(0.5);
            INDArray w = Nd4j.rand(DataType.FLOAT, shape[0], shape[1]).subi(0.5).dup('f');
            INDArray b = Nd4j.rand(DataType.FLOAT, 1, shape[1]);
            INDArray expected =
                    x.castTo(DataType.DOUBLE).mmul(w.castTo(DataType.DOUBLE)).addiRowVector(b.castTo(DataType.DOUBLE));
            INDArray z = InnerProduct.compute(x, w, b, Nd4j.create(DataType.FLOAT, 37, shape[1]));
            double relative =
                    z.castTo(DataType.DOUBLE).sub(expected).norm2Number().doubleValue()
                            / expected.norm2Number().doubleValue();
            assertThat(relative).as("%d→%d", shape[0], shape[1]).isLessThan(1e-6);
        }
    }
}
