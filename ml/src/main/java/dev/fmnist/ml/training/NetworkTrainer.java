package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.InputLayout;
import dev.fmnist.ml.ModelMetadata;
import dev.fmnist.ml.acceleration.BatchBuffers;
import dev.fmnist.ml.acceleration.TrainingAccelerations;
import dev.fmnist.ml.engine.NetworkModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The DL4J engine's trainer: shuffled mini-batches (with the spec's label smoothing, and its augmentation drawn
 * afresh for every image of every epoch), progress callbacks every N batches and every epoch, optional early
 * stopping on validation accuracy (keeping the best epoch's weights), cancellation between batches.
 */
final class NetworkTrainer implements Trainer {

    /** Training images re-evaluated at each epoch's end for the train accuracy. */
    static final int TRAIN_ACCURACY_SAMPLE = 5000;

    private static final int EVAL_CHUNK = 1000;

    @Override
    public Outcome train(
            TrainingSpec spec,
            TrainingSpec.Resolved resolved,
            TrainingData train,
            TrainingData validation,
            TrainingListener listener) {
        Dl4jRuntime.BackendInfo backend = Dl4jRuntime.initialise();
        MultiLayerNetwork network = new MultiLayerNetwork(resolved.configuration());
        network.init();
        TrainingAccelerations.apply(network);

        Run run = new Run(spec, resolved, network, train, validation, listener);
        run.execute();

        ModelMetadata metadata = new ModelMetadata(
                resolved.name(),
                resolved.architecture().layout(),
                spec.normalization(),
                FashionLabels.NAMES,
                resolved.hyperParameters(),
                backend.framework(),
                backend.kind() + " (" + backend.backend() + ", " + backend.device() + ")"
                        + (Dl4jRuntime.oneDnnHelpers(network).isEmpty() ? "" : ", oneDNN layer helpers"),
                network.numParams());
        return new Outcome(new NetworkModel(network, metadata), run.history, run.bestEpoch, run.stoppedEarly);
    }

    /** One training's mutable state. */
    private static final class Run {
        private final TrainingSpec spec;
        private final MultiLayerNetwork network;
        private final InputLayout layout;
        private final double labelSmoothing;
        private final Augmentation augmentation;
        private final Random augmentationRandom;
        private final TrainingData train;
        private final TrainingData validation;
        private final TrainingData trainSample;
        private final TrainingListener listener;
        private final List<TrainingUpdate> history = new ArrayList<>();
        /** one pair of arrays per batch size, refilled for every batch (fit lets go of them before the next) */
        private final BatchBuffers batchBuffers;

        private final long started = System.nanoTime();
        private int bestEpoch;
        private boolean stoppedEarly;

        Run(
                TrainingSpec spec,
                TrainingSpec.Resolved resolved,
                MultiLayerNetwork network,
                TrainingData train,
                TrainingData validation,
                TrainingListener listener) {
            this.spec = spec;
            this.network = network;
            this.layout = resolved.architecture().layout();
            this.labelSmoothing = resolved.labelSmoothing();
            this.augmentation = resolved.augmentation();
            // its own stream, so that shuffling is the same with and without augmentation
            this.augmentationRandom = new Random(spec.seed() * 0x9E3779B97F4A7C15L + 1);
            this.train = train;
            this.validation = validation;
            this.listener = listener == null ? TrainingListener.NONE : listener;
            int sample = Math.min(train.size(), TRAIN_ACCURACY_SAMPLE);
            int[] sampleIndices = new int[sample];
            for (int i = 0; i < sample; i++) {
                sampleIndices[i] = (int) ((long) i * train.size() / sample);
            }
            this.trainSample = train.subset(sampleIndices);
            this.batchBuffers = new BatchBuffers(
                    layout == InputLayout.IMAGE
                            ? new long[] {1, ImageGeometry.SIDE, ImageGeometry.SIDE}
                            : new long[] {ImageGeometry.PIXELS},
                    FashionLabels.COUNT);
        }

        void execute() {
            int n = train.size();
            int batchSize = Math.min(spec.batchSize(), n);
            int batchesPerEpoch = (n + batchSize - 1) / batchSize;
            long totalBatches = (long) batchesPerEpoch * spec.epochs();
            float[] lookup = spec.normalization().lookupTable();
            int[] order = java.util.stream.IntStream.range(0, n).toArray();
            Random random = new Random(spec.seed());
            double bestAccuracy = -1;
            INDArray bestParams = null;
            int epochsWithoutImprovement = 0;
            long batchesDone = 0;
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                shuffle(order, random);
                double lossSum = 0;
                long trainNanos = 0;
                long imagesThisEpoch = 0;
                for (int b = 0; b < batchesPerEpoch; b++) {
                    if (listener.isCancelled()) {
                        throw new TrainingCancelledException("cancelled in epoch " + epoch + " after batch " + b);
                    }
                    int from = b * batchSize;
                    int to = Math.min(n, from + batchSize);
                    long t0 = System.nanoTime();
                    INDArray[] batch = batch(order, from, to, lookup);
                    network.fit(batch[0], batch[1]);
                    trainNanos += System.nanoTime() - t0;
                    double loss = network.score();
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("the training diverged (loss " + loss + " in epoch " + epoch
                                + "); try a smaller learning rate");
                    }
                    lossSum += loss;
                    imagesThisEpoch += to - from;
                    batchesDone++;
                    if (spec.progressEveryBatches() > 0
                            && (b + 1) % spec.progressEveryBatches() == 0
                            && b + 1 < batchesPerEpoch) {
                        listener.onBatch(update(
                                epoch,
                                b + 1,
                                batchesPerEpoch,
                                lossSum / (b + 1),
                                null,
                                null,
                                imagesThisEpoch,
                                trainNanos,
                                batchesDone,
                                totalBatches));
                    }
                }
                network.incrementEpochCount();
                double trainAccuracy = confusion(trainSample).accuracy();
                Double validationAccuracy =
                        validation.size() == 0 ? null : confusion(validation).accuracy();
                TrainingUpdate update = update(
                        epoch,
                        null,
                        batchesPerEpoch,
                        lossSum / batchesPerEpoch,
                        trainAccuracy,
                        validationAccuracy,
                        imagesThisEpoch,
                        trainNanos,
                        batchesDone,
                        totalBatches);
                history.add(update);
                if (validationAccuracy != null && validationAccuracy > bestAccuracy) {
                    bestAccuracy = validationAccuracy;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (spec.earlyStoppingPatience() > 0) {
                        bestParams = network.params().dup();
                    }
                } else if (validationAccuracy != null) {
                    epochsWithoutImprovement++;
                }
                boolean stop = spec.earlyStoppingPatience() > 0
                        && validationAccuracy != null
                        && epochsWithoutImprovement >= spec.earlyStoppingPatience()
                        && epoch < spec.epochs();
                listener.onEpoch(stop ? withEta(update, 0) : update);
                if (stop) {
                    stoppedEarly = true;
                    break;
                }
            }
            if (spec.earlyStoppingPatience() > 0 && bestParams != null) {
                network.setParams(bestParams);
            } else {
                bestEpoch = history.size();
            }
        }

        private TrainingUpdate update(
                int epoch,
                Integer batch,
                int batchesPerEpoch,
                double loss,
                Double trainAccuracy,
                Double validationAccuracy,
                long images,
                long trainNanos,
                long batchesDone,
                long totalBatches) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            double eta = elapsed / batchesDone * (totalBatches - batchesDone);
            return new TrainingUpdate(
                    epoch,
                    spec.epochs(),
                    batch,
                    batchesPerEpoch,
                    loss,
                    trainAccuracy,
                    validationAccuracy,
                    trainNanos == 0 ? 0 : images / (trainNanos / 1e9),
                    elapsed,
                    eta);
        }

        private static TrainingUpdate withEta(TrainingUpdate u, double eta) {
            return new TrainingUpdate(
                    u.epoch(),
                    u.totalEpochs(),
                    u.batch(),
                    u.batchesPerEpoch(),
                    u.loss(),
                    u.trainAccuracy(),
                    u.validationAccuracy(),
                    u.imagesPerSecond(),
                    u.elapsedSeconds(),
                    eta);
        }

        private INDArray[] batch(int[] order, int from, int to, float[] lookup) {
            int size = to - from;
            float[] features = batchBuffers.features(size);
            float[] labels = batchBuffers.labels(size);
            float other = (float) (labelSmoothing / FashionLabels.COUNT);
            float target = (float) (1.0 - labelSmoothing) + other;
            // the staging arrays are reused: every label value of this batch is written
            java.util.Arrays.fill(labels, 0, size * FashionLabels.COUNT, other);
            for (int i = 0; i < size; i++) {
                int index = order[from + i];
                byte[] pixels = train.images().get(index);
                if (augmentation.active()) {
                    pixels = augmentation.apply(pixels, augmentationRandom);
                }
                int offset = i * ImageGeometry.PIXELS;
                for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                    features[offset + p] = lookup[pixels[p] & 0xFF];
                }
                labels[i * FashionLabels.COUNT + train.labels()[index]] = target;
            }
            return batchBuffers.publish(size);
        }

        ConfusionMatrix confusion(TrainingData data) {
            ConfusionMatrix matrix = new ConfusionMatrix();
            for (int from = 0; from < data.size(); from += EVAL_CHUNK) {
                int to = Math.min(data.size(), from + EVAL_CHUNK);
                INDArray input = Classifier.InputTensors.fromPixels(
                        data.images().subList(from, to), spec.normalization(), layout);
                int[] predicted = network.output(input, false).argMax(1).toIntVector();
                for (int i = from; i < to; i++) {
                    matrix.add(data.labels()[i], predicted[i - from]);
                }
            }
            return matrix;
        }

        private static void shuffle(int[] order, Random random) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }
}
