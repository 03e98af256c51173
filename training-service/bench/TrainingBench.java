import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingResult;
import dev.fmnist.ml.training.TrainingSpec;
import dev.fmnist.ml.training.TrainingUpdate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the benchmark recipes on the full Fashion-MNIST IDX files with the same trainer the service uses and
 * prints one Markdown table row per recipe. Not a test. Usage:
 * {@code java -cp <classpath> TrainingBench.java <idx-folder> [recipe ...]}.
 */
public class TrainingBench {

    /** name → spec (the service job JSON equivalent is printed with each result). */
    static Map<String, TrainingSpec> recipes() {
        long seed = Long.parseLong(System.getenv().getOrDefault("BENCH_SEED", "42"));
        Map<String, TrainingSpec> recipes = new LinkedHashMap<>();
        recipes.put("softmax", TrainingSpec.of("softmax", 5, 128, 1e-3, seed, Map.of(), 0));
        recipes.put("mlp", TrainingSpec.of("mlp", 10, 128, 1e-3, seed, Map.of("hiddenLayers", List.of(256, 128)), 0));
        recipes.put("demo", TrainingSpec.of("mlp", 8, 128, 1e-3, seed,
                Map.of("hiddenLayers", List.of(256, 128), "validationFraction", 0.05), 0));
        recipes.put("lenet5", TrainingSpec.of("lenet5", 10, 128, 1e-3, seed, Map.of(), 0));
        // one epoch, for side-by-side runs with other JVM settings (helpers off, thread counts)
        recipes.put("lenet5-1", TrainingSpec.of("lenet5", 1, 128, 1e-3, seed, Map.of(), 0));
        recipes.put("mlp-1", TrainingSpec.of("mlp", 1, 128, 1e-3, seed, Map.of(), 0));
        // the 94% recipe (docs/benchmarks/training-service.md): all defaults of the cnn architecture, 15 epochs
        recipes.put("cnn", TrainingSpec.of("cnn", null, null, null, seed, Map.of(), 0));
        // the same recipe with its one-cycle schedule compressed into fewer epochs (when 15 do not fit)
        recipes.put("cnn-5", TrainingSpec.of("cnn", 5, null, null, seed, Map.of(), 0));
        recipes.put("cnn-3", TrainingSpec.of("cnn", 3, null, null, seed, Map.of(), 0));
        recipes.put("cnn-1", TrainingSpec.of("cnn", 1, null, null, seed, Map.of(), 0));
        // the decision tree on PCA features, all its defaults (one pass; epochs, batch size, learning rate unused)
        recipes.put("pca-tree", TrainingSpec.of("pca-tree", null, null, null, seed, Map.of(), 0));
        // variants for tuning its defaults
        recipes.put("pca-tree-gini", TrainingSpec.of("pca-tree", null, null, null, seed, Map.of("criterion", "gini"), 0));
        recipes.put("pca-tree-50", TrainingSpec.of("pca-tree", null, null, null, seed, Map.of("pcaComponents", 50), 0));
        recipes.put("pca-tree-deep", TrainingSpec.of("pca-tree", null, null, null, seed,
                Map.of("maxDepth", 18, "minLeaf", 8), 0));
        // any tree settings: BENCH_TREE="pcaComponents=30,maxDepth=14,minLeaf=20,criterion=gini"
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String pair : System.getenv().getOrDefault("BENCH_TREE", "").split(",")) {
            if (pair.contains("=")) {
                String[] kv = pair.split("=", 2);
                tree.put(kv[0].trim(), kv[1].trim());
            }
        }
        recipes.put("pca-tree-env", TrainingSpec.of("pca-tree", null, null, null, seed, tree, 0));
        recipes.put("pca-tree-30-deep", TrainingSpec.of("pca-tree", null, null, null, seed,
                Map.of("pcaComponents", 30, "maxDepth", 18, "minLeaf", 8), 0));
        return recipes;
    }

    /** @return CPU seconds this process has used, all threads (a busy machine inflates wall time, not this) */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        List<String> chosen = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.copyOf(recipes().keySet());
        System.out.println("backend: " + Dl4jRuntime.initialise() + ", oneDNN " + Dl4jRuntime.oneDnnEnabled()
                + ", helpers.disable=" + System.getProperty(Dl4jRuntime.HELPERS_DISABLE)
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        TrainingData train = IdxFiles.read(folder, "train");
        TrainingData test = IdxFiles.read(folder, "t10k");
        System.out.println("| recipe | epochs run | wall s/epoch (median) | CPU s/epoch (median) | train img/s "
                + "| total wall s | best val acc | test acc | test acc, flip-averaged | test macro-F1 | seed | parameters "
                + "| inference img/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : chosen) {
            TrainingSpec spec = recipes().get(name);
            long t0 = System.nanoTime();
            List<Double> cpuPerEpoch = new java.util.ArrayList<>();
            TrainingResult result = ModelTrainer.fit(spec, train, new TrainingListener() {
                double last;
                double lastCpu = cpuSeconds();

                @Override
                public void onEpoch(TrainingUpdate u) {
                    double cpu = cpuSeconds();
                    cpuPerEpoch.add(cpu - lastCpu);
                    System.err.printf("  %s epoch %d: loss %.4f train %.4f val %.4f, %.1f s wall, %.1f s CPU,"
                                    + " %.0f img/s%n", name, u.epoch(), u.loss(), u.trainAccuracy(),
                            u.validationAccuracy(), u.elapsedSeconds() - last, cpu - lastCpu, u.imagesPerSecond());
                    last = u.elapsedSeconds();
                    lastCpu = cpu;
                }
            });
            double total = (System.nanoTime() - t0) / 1e9;
            ConfusionMatrix matrix = ModelEvaluator.evaluate(result.bundle(), test);
            double[] epochSeconds = new double[result.epochs().size()];
            double previous = 0;
            for (int i = 0; i < epochSeconds.length; i++) {
                epochSeconds[i] = result.epochs().get(i).elapsedSeconds() - previous;
                previous = result.epochs().get(i).elapsedSeconds();
            }
            java.util.Arrays.sort(epochSeconds);
            double ips = result.epochs().stream().mapToDouble(TrainingUpdate::imagesPerSecond).sorted()
                    .toArray()[result.epochs().size() / 2];
            double bestVal = result.epochs().stream().mapToDouble(TrainingUpdate::validationAccuracy).max()
                    .orElse(Double.NaN);
            double cpuMedian = cpuPerEpoch.stream().mapToDouble(Double::doubleValue).sorted()
                    .toArray()[cpuPerEpoch.size() / 2];
            System.out.printf("| %s | %d | %.1f | %.1f | %.0f | %.0f | %.4f | %.4f | %.4f | %.4f | %d | %,d | %.0f |%n",
                    name, result.epochs().size(), epochSeconds[epochSeconds.length / 2], cpuMedian, ips, total,
                    bestVal, matrix.accuracy(), flipAveragedAccuracy(result, test), matrix.macroF1(), spec.seed(),
                    result.bundle().metadata().parameterCount(), inferenceImagesPerSecond(result, test));
        }
    }

    /** @return test accuracy when each image's probabilities are averaged with those of its left-right mirror */
    static double flipAveragedAccuracy(TrainingResult result, TrainingData test) {
        dev.fmnist.ml.Classifier classifier = result.bundle().classifier();
        int correct = 0;
        for (int from = 0; from < test.size(); from += 1000) {
            List<byte[]> batch = test.images().subList(from, Math.min(test.size(), from + 1000));
            List<byte[]> mirrored = batch.stream().map(TrainingBench::mirror).toList();
            double[][] plain = classifier.predictProbabilities(batch);
            double[][] flipped = classifier.predictProbabilities(mirrored);
            for (int i = 0; i < plain.length; i++) {
                for (int c = 0; c < plain[i].length; c++) {
                    plain[i][c] += flipped[i][c];
                }
                if (dev.fmnist.ml.Classifier.argMax(plain[i]) == test.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return correct / (double) test.size();
    }

    /** @return images per second the trained model classifies, batches of 256, after one warm-up pass */
    static double inferenceImagesPerSecond(TrainingResult result, TrainingData test) {
        dev.fmnist.ml.Classifier classifier = result.bundle().classifier();
        classifier.predictProbabilities(test.images().subList(0, Math.min(256, test.size())));
        long t0 = System.nanoTime();
        for (int from = 0; from < test.size(); from += 256) {
            classifier.predictProbabilities(test.images().subList(from, Math.min(test.size(), from + 256)));
        }
        return test.size() / ((System.nanoTime() - t0) / 1e9);
    }

    static byte[] mirror(byte[] pixels) {
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                out[y * 28 + x] = pixels[y * 28 + 27 - x];
            }
        }
        return out;
    }
}
