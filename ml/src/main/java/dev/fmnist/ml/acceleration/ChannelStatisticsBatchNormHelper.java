package dev.fmnist.ml.acceleration;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.Map;

/**
 * DL4J's oneDNN batch-norm helper with the mini-batch statistics computed fast. DL4J's own helper
 * ({@code MKLDNNBatchNormHelper}) computes each channel's mean and variance of an NCHW activation with ND4J's
 * reductions over the dimensions (0, 2, 3): a strided "summary statistics" kernel that took 14% of a {@code cnn}
 * training step, more than the batch norms themselves. Here an NCHW array is read as {@code [n·c, h·w]} rows, each
 * contiguous: one row-sum and one row-sum-of-squares pass (vectorised), then the per-channel mean and (biased)
 * variance are combined in double precision. The forward and backward passes then run the same libnd4j/oneDNN
 * {@code batchnorm} and {@code batchnorm_bp} operations as DL4J's helper, with the same inputs, so the layer's
 * results are DL4J's up to float rounding. Arrays that are not contiguous NCHW (and dense batch norms, whose
 * "rows" would be one element long) take DL4J's reductions.
 */
final class ChannelStatisticsBatchNormHelper implements BatchNormalizationHelper {

    /** Below this many elements per row, the row view saves nothing. */
    private static final long MIN_ROW = 8;

    private INDArray meanCache;
    private INDArray varCache;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public INDArray preOutput(
            INDArray x,
            boolean training,
            long[] shape,
            INDArray gamma,
            INDArray beta,
            INDArray mean,
            INDArray var,
            double decay,
            double eps,
            CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (x.dataType() != DataType.FLOAT) {
            return null; // oneDNN batch norm is FLOAT only; DL4J's own implementation takes over
        }
        int axis = channelAxis(x, format);
        INDArray m;
        INDArray v;
        if (training) {
            if (meanCache == null || meanCache.length() != x.size(axis)) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    meanCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                    varCache = Nd4j.createUninitialized(x.dataType(), x.size(axis));
                }
            }
            statistics(x, axis, meanCache, varCache);
            m = meanCache;
            v = varCache;
        } else {
            m = mean.reshape(mean.length());
            v = var.reshape(var.length());
        }
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batchnorm");
        if (gamma != null && beta != null) {
            op.addInputs(x, m, v, vector(gamma), vector(beta));
        } else {
            op.addInputs(x, m, v);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
        DynamicCustomOp built = op.addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, axis)
                .addFloatingPointArguments(eps)
                .addOutputs(out)
                .build();
        Nd4j.exec(built);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray input,
            INDArray epsilon,
            long[] shape,
            INDArray gamma,
            INDArray beta,
            INDArray dGammaView,
            INDArray dBetaView,
            double eps,
            CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (input.dataType() != DataType.FLOAT || meanCache == null) {
            return null;
        }
        if (!Shape.hasDefaultStridesForShape(epsilon)) {
            epsilon = epsilon.dup('c'); // the batchnorm_bp kernel needs default strides (DL4J issue 8860)
        }
        int axis = channelAxis(input, format);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batchnorm_bp");
        if (gamma != null && beta != null) {
            op.addInputs(input, meanCache, varCache, vector(gamma), vector(beta), epsilon);
        } else {
            op.addInputs(input, meanCache, varCache, epsilon);
        }
        INDArray epsAtInput =
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
        INDArray dLdm =
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(), meanCache.shape());
        INDArray dLdv =
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, meanCache.dataType(), meanCache.shape());
        if (dGammaView != null) {
            op.addOutputs(
                    epsAtInput,
                    dLdm,
                    dLdv,
                    dGammaView.reshape(dGammaView.length()),
                    dBetaView.reshape(dBetaView.length()));
        } else {
            op.addOutputs(epsAtInput, dLdm, dLdv);
        }
        Nd4j.exec(op.addIntegerArguments(gamma != null ? 1 : 0, beta != null ? 1 : 0, axis)
                .addFloatingPointArguments(eps)
                .build());
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, epsAtInput);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    /**
     * Per channel, the mean and the biased variance of {@code x} over every other dimension, into {@code mean} and
     * {@code variance} (rank 1, one element per channel).
     */
    static void statistics(INDArray x, int axis, INDArray mean, INDArray variance) {
        boolean rows = x.rank() == 4
                && axis == 1
                && x.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(x)
                && x.size(2) * x.size(3) >= MIN_ROW;
        if (!rows) {
            int[] dims = x.rank() == 2 ? new int[] {0} : axis == 1 ? new int[] {0, 2, 3} : new int[] {0, 1, 2};
            x.mean(mean, dims);
            Nd4j.exec(new Variance(x, variance, false, dims));
            return;
        }
        long n = x.size(0);
        int channels = (int) x.size(1);
        long perRow = x.size(2) * x.size(3);
        INDArray view = x.reshape('c', n * channels, perRow);
        INDArray sums = view.sum(1);
        INDArray squares = Nd4j.createUninitialized(x.dataType(), n * channels);
        Nd4j.exec(new SquaredNorm(view, squares, false, 1));
        double[] rowSums = sums.toDoubleVector();
        double[] rowSquares = squares.toDoubleVector();
        double[] channelMean = new double[channels];
        double[] channelSquares = new double[channels];
        for (int r = 0; r < rowSums.length; r++) {
            channelMean[r % channels] += rowSums[r];
            channelSquares[r % channels] += rowSquares[r];
        }
        double count = (double) n * perRow;
        float[] meanValues = new float[channels];
        float[] varianceValues = new float[channels];
        for (int c = 0; c < channels; c++) {
            double mu = channelMean[c] / count;
            meanValues[c] = (float) mu;
            varianceValues[c] = (float) Math.max(0.0, channelSquares[c] / count - mu * mu);
        }
        mean.assign(Nd4j.createFromArray(meanValues));
        variance.assign(Nd4j.createFromArray(varianceValues));
    }

    private static int channelAxis(INDArray x, CNN2DFormat format) {
        return x.rank() != 4 || format == CNN2DFormat.NCHW ? 1 : 3;
    }

    private static INDArray vector(INDArray array) {
        return array.rank() == 1 ? array : array.reshape(array.length());
    }
}
