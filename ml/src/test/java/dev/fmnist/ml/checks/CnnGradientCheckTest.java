package dev.fmnist.ml.checks;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.InputLayout;
import dev.fmnist.ml.Normalization;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.ml.architecture.HyperParameters;
import dev.fmnist.ml.architecture.NetworkArchitecture;
import dev.fmnist.ml.training.FixtureData;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Numerical gradient checks (central differences in double precision, DL4J's {@link GradientCheckUtil}) of the
 * {@code cnn} network exactly as {@link dev.fmnist.ml.architecture.ConvNet} builds it, shrunk to {@code width} 2 and
 * {@code dense} 8 with no dropout, on four real 28×28 fixture images: 3×3 same convolutions without bias, batch
 * norm, ReLU, 2×2 max-pools (the last one 7→3, truncating), a dense layer without bias, batch norm, and the softmax
 * output with the cross-entropy loss, for one-hot targets and for the label-smoothed targets the trainer feeds. The
 * recipe's L2 (5e-4) stays on, so its share of the gradient is checked too. The optimiser is plain SGD with learning
 * rate 1, the only updater besides none that the check accepts (it reads the gradient through the updater).
 *
 * <p>Every parameter array is checked: the small ones (batch norm's scale and shift, the output bias) element by
 * element, the eight weight arrays at 8 (smoothed targets) or 4 (one-hot) evenly spaced elements each: 148 and 115
 * parameters, 6 and 3.5 s of CPU. A double forward pass of this network costs about 15 ms of CPU, so all 1,872
 * parameters take about 55 s of CPU per check; {@code -Dfmnist.checks.fullGradient=true} does that (both pass). A
 * last test ties the checked double path to the FLOAT path through the oneDNN helpers that training actually runs.
 */
class CnnGradientCheckTest {

    /** DL4J's own CNN/BN gradient checks use these (CNNGradientCheckTest, BNGradientCheckTest). */
    private static final double EPSILON = 1e-6;

    private static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;

    /**
     * Relative L2 difference allowed between a FLOAT (oneDNN) and the DOUBLE gradient of one parameter array: float
     * keeps 24 bits (6e-8 relative); the worst measured, after 25 layers, is 5.4e-5 (the first block's batch-norm
     * scale, a sum over 4×28×28 positions), so 5e-4 leaves a margin of ten.
     */
    private static final double MAX_FLOAT_DIFFERENCE = 5e-4;

    /**
     * {@code -Dfmnist.checks.fullGradient=true} checks every element of every array (1,872 parameters, about 55 s of
     * CPU per check here) instead of the weight arrays' samples.
     */
    private static final boolean FULL = Boolean.getBoolean("fmnist.checks.fullGradient");

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Parameter arrays up to this length are checked whole (batch norm: up to 8 channels; the output bias: 10). */
    private static final int SMALL_ARRAY = 10;

    /** Images of four different classes: batch norm over a batch of 2 would normalise every unit to ±1. */
    private static final int BATCH = 4;

    private static DataType previousDefault;
    private static DataType previousFloatingPoint;

    @BeforeAll
    static void doublePrecision() {
        Dl4jRuntime.initialise();
        previousDefault = Nd4j.dataType();
        previousFloatingPoint = Nd4j.defaultFloatingPointType();
        // GradientCheckUtil needs (and its static initialiser sets) double as the JVM-wide default; put it back
        // afterwards, so that the other test classes of this JVM run as the services do
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatingPoint);
    }

    @Test
    void theCnnsLayersAreTheRecipesBuildingBlocks() {
        MultiLayerNetwork network = tinyCnn(DataType.DOUBLE);
        List<String> expected = new ArrayList<>();
        for (int block = 0; block < 3; block++) {
            expected.addAll(List.of("conv3x3-same-nobias", "bn", "relu", "conv3x3-same-nobias", "bn", "relu"));
            expected.add("maxpool2x2-truncate");
        }
        expected.addAll(List.of("dense-nobias", "bn", "relu", "softmax-mcxent"));
        assertThat(describe(network.getLayerWiseConfigurations())).containsExactlyElementsOf(expected);

        List<INDArray> activations = network.feedForward(input(), false);
        // activations.get(0) is the input; the pools are layers 6, 13 and 20: 28 → 14 → 7 → 3
        assertThat(activations.get(7).shape()).containsExactly(BATCH, 2, 14, 14);
        assertThat(activations.get(14).shape()).containsExactly(BATCH, 4, 7, 7);
        assertThat(activations.get(21).shape()).containsExactly(BATCH, 8, 3, 3);
        assertThat(activations.get(activations.size() - 1).shape()).containsExactly(BATCH, FashionLabels.COUNT);
    }

    @Test
    void backpropagationGivesTheNumericalGradientForOneHotTargets() {
        checkGradients(oneHot(0.0), FULL ? 0 : 4);
    }

    @Test
    void backpropagationGivesTheNumericalGradientForTheTrainersLabelSmoothedTargets() {
        double smoothing = TrainingSpec.of("cnn", 1, null, null, null, Map.of(), 0)
                .resolve(1000)
                .labelSmoothing();
        assertThat(smoothing).as("the recipe smooths its labels").isEqualTo(0.1);
        INDArray targets = oneHot(smoothing);
        // the trainer's targets (TrainingSpec.LABEL_SMOOTHING): 1 - ε + ε/10 for the true class, ε/10 for the rest
        assertThat(targets.maxNumber().doubleValue()).isCloseTo(0.91, offset(1e-12));
        assertThat(targets.minNumber().doubleValue()).isCloseTo(0.01, offset(1e-12));
        assertThat(targets.sum(1).toDoubleVector()).containsOnly(1.0);
        checkGradients(targets, FULL ? 0 : 8);
    }

    @Test
    void theFloatNetworkOnOneDnnComputesTheGradientsThatWereCheckedInDouble() {
        // training runs in FLOAT through the oneDNN layer helpers, the check above in DOUBLE on the generic kernels:
        // the same weights must give the same gradients on both paths, up to float rounding
        MultiLayerNetwork exact = tinyCnn(DataType.DOUBLE);
        MultiLayerNetwork fast = tinyCnn(DataType.FLOAT);
        fast.setParams(exact.params().castTo(DataType.FLOAT));
        if (Dl4jRuntime.oneDnnEnabled()) {
            assertThat(Dl4jRuntime.oneDnnHelpers(fast))
                    .filteredOn(h -> h.contains("MKLDNNConvHelper"))
                    .hasSize(6);
        }
        INDArray targets = oneHot(0.1);
        exact.setInput(input());
        exact.setLabels(targets);
        exact.computeGradientAndScore();
        fast.setInput(input().castTo(DataType.FLOAT));
        fast.setLabels(targets.castTo(DataType.FLOAT));
        fast.computeGradientAndScore();
        assertThat(fast.score()).isCloseTo(exact.score(), offset(1e-5 * exact.score()));
        Map<String, INDArray> exactGradients = exact.gradient().gradientForVariable();
        Map<String, INDArray> fastGradients = fast.gradient().gradientForVariable();
        double worst = 0;
        String worstName = null;
        for (String name : trainable(exact)) {
            INDArray reference = exactGradients.get(name);
            INDArray difference =
                    fastGradients.get(name).castTo(DataType.DOUBLE).sub(reference);
            double relative = difference.norm2Number().doubleValue()
                    / Math.max(reference.norm2Number().doubleValue(), 1e-12);
            if (relative > worst) {
                worst = relative;
                worstName = name;
            }
        }
        System.out.printf(
                "cnn float/oneDNN vs double gradients: worst relative difference %.2e (%s)%n", worst, worstName);
        assertThat(worst)
                .as("relative L2 difference of the worst parameter array (" + worstName + ")")
                .isLessThan(MAX_FLOAT_DIFFERENCE);
    }

    /**
     * Checks every element of the small parameter arrays (batch norm's scales and shifts, the output bias) and
     * {@code maxPerWeights} evenly spaced elements of each weight array (convolution kernels, dense and output
     * weights; 0 = all of them), and that the check perturbed exactly those: the library reports only pass or fail.
     */
    private static void checkGradients(INDArray targets, int maxPerWeights) {
        MultiLayerNetwork network = tinyCnn(DataType.DOUBLE);
        List<String> trainable = trainable(network);
        Set<String> notGradients = new TreeSet<>(network.paramTable().keySet());
        trainable.forEach(notGradients::remove);
        assertThat(notGradients).hasSize(2 * 7); // the running mean and variance of seven batch-norm layers
        Set<String> small = new TreeSet<>();
        for (String name : trainable) {
            if (network.paramTable().get(name).length() <= SMALL_ARRAY) {
                small.add(name);
            }
        }
        Set<String> weights = new TreeSet<>(trainable);
        weights.removeAll(small);
        assertThat(small).hasSize(2 * 7 + 1);
        assertThat(weights).hasSize(6 + 2);

        Perturbations perturbations = new Perturbations(network);
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        boolean passed;
        int runs;
        if (maxPerWeights == 0) {
            passed = check(network, targets, notGradients, 0, perturbations);
            runs = 1;
        } else {
            // DL4J's subset mode checks only the first element of an array shorter than maxPerParam: the small
            // arrays get a full pass of their own
            Set<String> notSmall = new TreeSet<>(notGradients);
            notSmall.addAll(weights);
            Set<String> notWeights = new TreeSet<>(notGradients);
            notWeights.addAll(small);
            passed = check(network, targets, notSmall, 0, perturbations)
                    & check(network, targets, notWeights, maxPerWeights, perturbations);
            runs = 2;
        }
        Map<String, Integer> checked = perturbations.checkedPerArray();
        System.out.printf(
                "cnn gradient check: %s, %d of %d parameters checked, %.1f s wall, %.1f s CPU; per array %s%n",
                passed ? "passed" : "FAILED",
                perturbations.checked(),
                network.numParams(),
                (System.nanoTime() - t0) / 1e9,
                (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9,
                checked);
        assertThat(passed)
                .as("every checked gradient within the relative error " + MAX_RELATIVE_ERROR)
                .isTrue();
        assertThat(checked.keySet()).as("parameter arrays checked").containsExactlyInAnyOrderElementsOf(trainable);
        for (String name : trainable) {
            long length = network.paramTable().get(name).length();
            if (small.contains(name) || maxPerWeights == 0) {
                assertThat((long) checked.get(name))
                        .as("elements of " + name + " checked")
                        .isEqualTo(length);
            } else {
                assertThat(checked.get(name))
                        .as("elements of " + name + " checked")
                        .isGreaterThanOrEqualTo(maxPerWeights);
            }
        }
        assertThat(perturbations.checked())
                .as("each checked element perturbed up and down, nothing else")
                .isEqualTo((perturbations.calls() - runs) / 2);
    }

    private static boolean check(
            MultiLayerNetwork network,
            INDArray targets,
            Set<String> excluded,
            int maxPerParam,
            Perturbations perturbations) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(network)
                .input(input())
                .labels(targets)
                .epsilon(EPSILON)
                .maxRelError(MAX_RELATIVE_ERROR)
                .minAbsoluteError(MIN_ABSOLUTE_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .exitOnFirstError(false)
                .subset(maxPerParam > 0)
                .maxPerParam(Math.max(1, maxPerParam))
                .excludeParams(excluded)
                .callEachIter(perturbations));
    }

    /** @return the parameters that have a gradient: all but batch norm's running mean and variance */
    private static List<String> trainable(MultiLayerNetwork network) {
        // the running mean and variance are "parameters" whose gradient slot carries their running update; the loss
        // in training mode does not depend on them (DL4J's own batch-norm checks exclude them too)
        return network.paramTable().keySet().stream()
                .filter(name -> !name.endsWith("_mean") && !name.endsWith("_var") && !name.endsWith("_log10stdev"))
                .toList();
    }

    /** Records which parameter elements the check perturbed (it calls back after each perturbation). */
    private static final class Perturbations implements org.nd4j.common.function.Consumer<MultiLayerNetwork> {
        private final double[] original;
        private final List<String> names = new ArrayList<>();
        private final List<Long> ends = new ArrayList<>();
        private final Set<Long> perturbed = new TreeSet<>();
        private long calls;

        Perturbations(MultiLayerNetwork network) {
            original = network.params().toDoubleVector();
            long end = 0;
            for (Map.Entry<String, INDArray> param : network.paramTable().entrySet()) {
                end += param.getValue().length();
                names.add(param.getKey());
                ends.add(end);
            }
        }

        @Override
        public void accept(MultiLayerNetwork network) {
            calls++;
            double[] now = network.params().toDoubleVector();
            for (int i = 0; i < now.length; i++) {
                if (now[i] != original[i]) {
                    perturbed.add((long) i);
                }
            }
        }

        long calls() {
            return calls;
        }

        long checked() {
            return perturbed.size();
        }

        Map<String, Integer> checkedPerArray() {
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (long index : perturbed) {
                int array = 0;
                while (index >= ends.get(array)) {
                    array++;
                }
                counts.merge(names.get(array), 1, Integer::sum);
            }
            return counts;
        }
    }

    /** The real cnn architecture, tiny and without dropout, in the given precision. */
    static MultiLayerNetwork tinyCnn(DataType dataType) {
        NetworkArchitecture cnn = (NetworkArchitecture) Architectures.get("cnn");
        HyperParameters parameters = new HyperParameters(
                Map.of("width", 2, "dense", 8, "convDropout", 0.0, "dropout", 0.0, "optimizer", "sgd", "l2", 5e-4),
                1.0,
                12345L,
                1,
                1);
        MultiLayerConfiguration configuration = cnn.configure(parameters);
        assertThat(parameters.unknownKeys()).isEmpty();
        configuration.setDataType(dataType);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        assertThat(network.params().dataType()).isEqualTo(dataType);
        return network;
    }

    /** Four fixture images of four different classes, standardised as the recipe trains them, in double. */
    static INDArray input() {
        TrainingData four = FixtureData.firstOfEachClass(1).subset(new int[] {0, 3, 7, 9});
        return Classifier.InputTensors.fromPixels(four.images(), Normalization.standardised(), InputLayout.IMAGE)
                .castTo(DataType.DOUBLE);
    }

    /** @return the targets of {@link #input()} with label smoothing {@code epsilon} */
    static INDArray oneHot(double epsilon) {
        int[] classes = {0, 3, 7, 9};
        INDArray targets = Nd4j.valueArrayOf(
                new long[] {BATCH, FashionLabels.COUNT}, epsilon / FashionLabels.COUNT, DataType.DOUBLE);
        for (int i = 0; i < BATCH; i++) {
            targets.putScalar(i, classes[i], 1.0 - epsilon + epsilon / FashionLabels.COUNT);
        }
        return targets;
    }

    private static List<String> describe(MultiLayerConfiguration configuration) {
        List<String> layers = new ArrayList<>();
        for (NeuralNetConfiguration conf : configuration.getConfs()) {
            Layer layer = conf.getLayer();
            assertThat(layer.getIDropout()).as("no dropout in a gradient check").isNull();
            if (layer instanceof ConvolutionLayer c && !(layer instanceof SubsamplingLayer)) {
                assertThat(((Sgd) c.getIUpdater()).getLearningRate()).isEqualTo(1.0);
                layers.add("conv" + c.getKernelSize()[0] + "x" + c.getKernelSize()[1] + "-"
                        + c.getConvolutionMode().name().toLowerCase() + (c.hasBias() ? "" : "-nobias"));
            } else if (layer instanceof BatchNormalization) {
                layers.add("bn");
            } else if (layer instanceof ActivationLayer a) {
                layers.add(
                        a.getActivationFn() instanceof ActivationReLU
                                ? "relu"
                                : a.getActivationFn().toString());
            } else if (layer instanceof SubsamplingLayer s) {
                layers.add(s.getPoolingType().name().toLowerCase() + "pool" + s.getKernelSize()[0] + "x"
                        + s.getKernelSize()[1]
                        + (s.getConvolutionMode() == ConvolutionMode.Truncate ? "-truncate" : ""));
            } else if (layer instanceof OutputLayer o) {
                layers.add((o.getActivationFn() instanceof ActivationSoftmax ? "softmax" : o.getActivationFn())
                        + (o.getLossFn() instanceof LossMCXENT ? "-mcxent" : "-" + o.getLossFn()));
            } else if (layer instanceof DenseLayer d) {
                layers.add("dense" + (d.hasBias() ? "" : "-nobias"));
            } else {
                layers.add(layer.getClass().getSimpleName());
            }
        }
        return layers;
    }
}
