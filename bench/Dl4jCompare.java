import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingResult;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.ml.training.TrainingUpdate;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DL4J half of {@code bench/compare.sh}: one model per process, measured through the project's own paths.
 * Not a test. Prints {@code RESULT <key> <value>} lines on stdout (read by compare.sh), progress on stderr.
 *
 * <p>Training: {@link ModelTrainer#fit} (so the project's {@code TrainingSpec} → configuration, its
 * {@code NetworkTrainer} batch building and {@code fit} per batch) on one epoch of exactly
 * {@code warm-up + timed + 1} batches of training images (taken cyclically from the training split, no validation
 * split), reporting every batch; the time of the timed batches is read from the trainer's own throughput figure
 * (batch building plus {@code fit}, the same span {@code TrainingUpdate.imagesPerSecond} covers).
 *
 * <p>Inference: the trained network's {@link Classifier#predictProbabilities} (grey levels → probabilities, the
 * services' path) on test images, per batch size, for a fixed time after a warm-up; then, as a diagnostic, the
 * network's own {@code output(input, false)} on input tensors built beforehand ({@code raw_b*}).
 *
 * <p>Usage: {@code java -cp <ml runtime classpath>:ml/target/classes bench/Dl4jCompare.java <model> [idx-folder]},
 * model one of softmax, mlp, lenet5, cnn. Environment: BENCH_BATCHES (469), BENCH_CNN_BATCHES (30),
 * BENCH_WARMUP_BATCHES (10; cnn 3), BENCH_SECONDS (3), BENCH_WARMUP_SECONDS (1), BENCH_SEED (42).
 */
public class Dl4jCompare {

    /** Batches of 128 in one epoch of the 60,000 training images; s/epoch = s/batch × this. */
    static final int EPOCH_BATCHES = 469;

    static final int[] INFERENCE_BATCHES = {1, 32, 256};

    /** Inference time windows per measurement; the best one's rate is reported. */
    static final int WINDOWS = 3;

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "mlp";
        Path folder = Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist");
        boolean cnn = model.equals("cnn");
        int timed = intEnv(cnn ? "BENCH_CNN_BATCHES" : "BENCH_BATCHES", cnn ? 30 : EPOCH_BATCHES);
        int warm = intEnv("BENCH_WARMUP_BATCHES", cnn ? 3 : 10);
        double seconds = doubleEnv("BENCH_SECONDS", 3);
        double warmSeconds = doubleEnv("BENCH_WARMUP_SECONDS", 1);
        long seed = Long.parseLong(System.getenv().getOrDefault("BENCH_SEED", "42"));

        Dl4jRuntime.BackendInfo backend = Dl4jRuntime.initialise();
        result("backend", backend.toString());
        result("onednn", Dl4jRuntime.oneDnnEnabled());
        result("jdk", System.getProperty("java.version"));
        result("dl4j", backend.framework().replace("deeplearning4j ", ""));
        result("ml_classes", Dl4jRuntime.class.getProtectionDomain().getCodeSource().getLocation());

        TrainingSpec spec = spec(model, seed);
        int batchSize = spec.batchSize();
        TrainingData all = IdxFiles.read(folder, "train");
        TrainingData test = IdxFiles.read(folder, "t10k");
        int batches = warm + timed + 1; // onBatch is not called for an epoch's last batch
        int[] indices = new int[batches * batchSize];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i % all.size();
        }
        TrainingData train = all.subset(indices);

        // the trainer's cumulative throughput after batch k gives its cumulative time: k × batch / (img/s)
        double[] trainSecondsAt = new double[batches];
        double[] cpuSecondsAt = new double[batches];
        TrainingResult trained = ModelTrainer.fit(spec, train, new TrainingListener() {
            @Override
            public void onBatch(TrainingUpdate u) {
                trainSecondsAt[u.batch()] = (double) u.batch() * batchSize / u.imagesPerSecond();
                cpuSecondsAt[u.batch()] = cpuSeconds();
                if (u.batch() % 50 == 0) {
                    System.err.printf("  dl4j %s batch %d/%d: loss %.4f, %.1f ms/batch so far%n", model, u.batch(),
                            batches, u.loss(), 1000 * trainSecondsAt[u.batch()] / u.batch());
                }
            }
        });
        double perBatch = (trainSecondsAt[warm + timed] - trainSecondsAt[warm]) / timed;
        double cpuPerBatch = (cpuSecondsAt[warm + timed] - cpuSecondsAt[warm]) / timed;
        ModelBundle bundle = trained.bundle();
        result("params", bundle.metadata().parameterCount());
        result("batch_size", batchSize);
        result("warmup_batches", warm);
        result("timed_batches", timed);
        result("train_ms_per_batch", String.format("%.3f", 1000 * perBatch));
        result("train_s_per_epoch", String.format("%.3f", perBatch * EPOCH_BATCHES));
        result("train_cpu_s_per_epoch", String.format("%.3f", cpuPerBatch * EPOCH_BATCHES));
        result("onednn_helpers", Dl4jRuntime.oneDnnHelpers(bundle.network()).size());
        result("final_loss", String.format("%.4f", trained.epochs().get(trained.epochs().size() - 1).loss()));

        Classifier classifier = bundle.classifier();
        result("flip_averaging", classifier.flipAveraging());
        for (int b : INFERENCE_BATCHES) {
            double[] rate = inference(classifier, test.images(), b, warmSeconds, seconds);
            result("infer_b" + b, String.format("%.1f", rate[0]));
            result("infer_cpu_b" + b, String.format("%.1f", rate[1]));
            System.err.printf("  dl4j %s inference batch %d: %.0f img/s%n", model, b, rate[0]);
        }
        // diagnostic: the network's own forward pass on ready input tensors (no conversion in or out)
        MultiLayerNetwork network = (MultiLayerNetwork) bundle.network();
        for (int b : INFERENCE_BATCHES) {
            List<INDArray> inputs = new ArrayList<>();
            for (int from = 0; from + b <= Math.min(test.size(), 64 * b); from += b) {
                inputs.add(Classifier.InputTensors.fromPixels(
                        test.images().subList(from, from + b),
                        bundle.metadata().normalization(),
                        bundle.metadata().layout()));
            }
            double[] rate = rawForward(network, inputs, warmSeconds, seconds);
            result("raw_b" + b, String.format("%.1f", rate[0]));
            result("raw_cpu_b" + b, String.format("%.1f", rate[1]));
            System.err.printf("  dl4j %s raw forward batch %d: %.0f img/s%n", model, b, rate[0]);
        }
        result("peak_rss_mb", String.format("%.1f", peakRssMb()));
    }

    /** @return {@link #measure} of {@code network.output(input, false)} over ready tensors, in turn */
    static double[] rawForward(MultiLayerNetwork network, List<INDArray> inputs, double warmSeconds, double seconds) {
        int[] i = {0};
        return measure(
                () -> {
                    INDArray input = inputs.get(i[0]++ % inputs.size());
                    network.output(input, false);
                    return input.size(0);
                },
                warmSeconds,
                seconds);
    }

    /** @return the recipe of training-service/bench/TrainingBench.java for {@code model}, one epoch, no validation */
    static TrainingSpec spec(String model, long seed) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(TrainingSpec.VALIDATION_FRACTION, 0.0);
        return switch (model) {
            case "softmax" -> TrainingSpec.of("softmax", 1, 128, 1e-3, seed, parameters, 1);
            case "mlp" -> {
                parameters.put("hiddenLayers", List.of(256, 128));
                yield TrainingSpec.of("mlp", 1, 128, 1e-3, seed, parameters, 1);
            }
            case "lenet5" -> TrainingSpec.of("lenet5", 1, 128, 1e-3, seed, parameters, 1);
            // the 94% recipe's own defaults: Nesterov momentum, one-cycle, BN, dropout, label smoothing, augmentation
            case "cnn" -> TrainingSpec.of("cnn", 1, null, null, seed, parameters, 1);
            default -> throw new IllegalArgumentException("unknown model " + model + " (softmax, mlp, lenet5, cnn)");
        };
    }

    /** @return {@link #measure} of {@code classifier} on consecutive batches of {@code batch} images */
    static double[] inference(Classifier classifier, List<byte[]> images, int batch, double warmSeconds,
            double seconds) {
        int[] from = {0};
        return measure(
                () -> {
                    from[0] = next(images.size(), from[0], batch);
                    return classifier.predictProbabilities(images.subList(from[0], from[0] + batch)).length;
                },
                warmSeconds,
                seconds);
    }

    /**
     * Runs {@code step} (one call, returning its image count) for {@code warmSeconds}, then for {@code seconds} in
     * {@value #WINDOWS} equal windows.
     *
     * @return images per second: of the best window (wall time; contention only ever slows a window down), and over
     *     all windows per second of this process's CPU time
     */
    static double[] measure(java.util.function.LongSupplier step, double warmSeconds, double seconds) {
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            step.getAsLong();
        }
        double best = 0;
        long total = 0;
        double cpu0 = cpuSeconds();
        for (int w = 0; w < WINDOWS; w++) {
            long count = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds / WINDOWS * 1e9);
            long now = t0;
            while (now < end) {
                count += step.getAsLong();
                now = System.nanoTime();
            }
            best = Math.max(best, count / ((now - t0) / 1e9));
            total += count;
        }
        return new double[] {best, total / (cpuSeconds() - cpu0)};
    }

    private static int next(int size, int from, int batch) {
        int start = from + batch;
        return start + batch > size ? 0 : start;
    }

    /** @return CPU seconds this process has used, all threads (a busy machine inflates wall time, not this) */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** @return VmHWM of this process in MB (peak resident set) */
    static double peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    static void result(String key, Object value) {
        System.out.println("RESULT " + key + " " + value);
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static double doubleEnv(String name, double fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }
}
