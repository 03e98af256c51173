import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.ModelMetadata;
import dev.fmnist.ml.engine.NetworkModel;
import dev.fmnist.ml.training.IdxFiles;
import dev.fmnist.ml.training.ModelTrainer;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.ml.training.TrainingListener;
import dev.fmnist.ml.training.TrainingSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.json.ContractSerializer;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.validation.InputImageValidator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Not a test: raw batched inference of one model, the service's Classifier beside the steps it is made of, timed in
 * alternating rounds in one JVM (so the machine's load drifts alike for all). Usage:
 * {@code java -cp <classpath> RawInference.java <idx-folder> [architecture] [batch] [rounds] [seconds-per-step]}.
 */
public class RawInference {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        String architecture = args.length > 1 ? args[1] : "mlp";
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 2;
        System.out.println("backend: " + Dl4jRuntime.initialise());
        TrainingData data = IdxFiles.read(folder, "t10k");
        TrainingSpec spec = TrainingSpec.of(architecture, 1, 128, 1e-3, 42L,
                architecture.equals("mlp") ? java.util.Map.of("hiddenLayers", List.of(256, 128)) : java.util.Map.of(), 0);
        TrainingData small = new TrainingData(data.images().subList(0, 2000), java.util.Arrays.copyOf(data.labels(), 2000));
        ModelBundle bundle = ModelTrainer.train(spec, small, TrainingListener.NONE);
        Classifier classifier = bundle.classifier();
        ModelMetadata metadata = bundle.metadata();
        MultiLayerNetwork network = (MultiLayerNetwork) bundle.network();
        List<byte[]> images = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            images.add(data.images().get(i % data.images().size()));
        }
        INDArray input = Classifier.InputTensors.fromPixels(images, metadata.normalization(), metadata.layout());
        INDArray output = network.output(input, false);
        System.out.printf("model %s, %d parameters, batch %d, JVM %s%n", architecture, network.numParams(), batch,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.setProperty(NetworkModel.DENSE_FAST_PATH, "false");
        NetworkModel viaOutput = new NetworkModel(network, metadata);
        System.clearProperty(NetworkModel.DENSE_FAST_PATH);
        NetworkModel viaDense = new NetworkModel(network, metadata);
        System.out.println("dense fast path available: " + viaDense.denseFastPath());
        InputImageValidator validator = new InputImageValidator("bench");
        List<byte[]> records = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            records.add(JsonCodec.toBytes(InputImage.ofPixels("image-" + i, images.get(i), i % 10)));
        }
        double[][] probabilities = classifier.predictProbabilities(images);
        ContractSerializer serializer = new ContractSerializer();
        Instant now = Instant.now();
        // the contract mapper as before issue 17: doubles through Double.toString
        com.fasterxml.jackson.databind.ObjectMapper slowDoubles = JsonCodec.mapper().copy();
        slowDoubles.getFactory().disable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
        List<String> names = List.of("JSON + base64 validation (contracts)", "Prediction to JSON (ContractSerializer)",
                "  same, Jackson's default double writer",
                "Classifier.predictProbabilities", "  NetworkModel, dense fast path",
                "  NetworkModel, DL4J output()", "as before issue 17 (same steps)",
                "  input tensor (fromPixels)",
                "  forward (network.output)", "  forward (network.feedForward)", "  output toDoubleMatrix", "  output data().asFloat()");
        List<Supplier<Object>> steps = List.of(
                () -> {
                    Object last = null;
                    for (byte[] record : records) {
                        last = validator.validate("fmnist.images.input", null, record);
                    }
                    return last;
                },
                () -> {
                    byte[] last = null;
                    for (int i = 0; i < batch; i++) {
                        last = serializer.serialize("fmnist.predictions", new Prediction("image-" + i, "model", 1,
                                Classifier.argMax(probabilities[i]), "T-shirt/top", probabilities[i], i % 10, 1.5,
                                now, Prediction.PRODUCTION));
                    }
                    return last;
                },
                () -> {
                    byte[] last = null;
                    try {
                        for (int i = 0; i < batch; i++) {
                            last = slowDoubles.writeValueAsBytes(new Prediction("image-" + i, "model", 1,
                                    Classifier.argMax(probabilities[i]), "T-shirt/top", probabilities[i], i % 10, 1.5,
                                    now, Prediction.PRODUCTION));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return last;
                },
                () -> classifier.predictProbabilities(images),
                () -> viaDense.predictProbabilities(images),
                () -> viaOutput.predictProbabilities(images),
                () -> network.output(Classifier.InputTensors.fromPixels(images, metadata.normalization(),
                        metadata.layout()), false).toDoubleMatrix(),
                () -> Classifier.InputTensors.fromPixels(images, metadata.normalization(), metadata.layout()),
                () -> network.output(input, false),
                () -> network.feedForward(input, false),
                output::toDoubleMatrix,
                () -> output.data().asFloat());
        double[][] rates = new double[steps.size()][rounds];
        double[][] cpuRates = new double[steps.size()][rounds];
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            for (int s = 0; s < steps.size(); s++) {
                double[] perSecond = timed(steps.get(s), r < 0 ? 1.0 : seconds);
                if (r >= 0) {
                    rates[s][r] = perSecond[0] * batch;
                    cpuRates[s][r] = perSecond[1] * batch;
                }
            }
        }
        System.out.println("step: img/s by wall clock (median, min-max of rounds) | img per CPU-second of the thread "
                + "(median) = CPU us per batch");
        for (int s = 0; s < steps.size(); s++) {
            double[] sorted = rates[s].clone();
            java.util.Arrays.sort(sorted);
            double[] cpuSorted = cpuRates[s].clone();
            java.util.Arrays.sort(cpuSorted);
            System.out.printf("%-40s %,11.0f img/s (%,.0f-%,.0f) | %,11.0f img/CPU-s = %,.0f us%n", names.get(s),
                    sorted[rounds / 2], sorted[0], sorted[rounds - 1], cpuSorted[rounds / 2],
                    1e6 * batch / cpuSorted[rounds / 2]);
        }
    }

    /** @return {calls per wall-clock second, calls per CPU second of this thread} of {@code work} */
    static double[] timed(Supplier<Object> work, double seconds) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long end = start + (long) (seconds * 1e9);
        long calls = 0;
        long now;
        Object sink = null;
        do {
            sink = work.get();
            calls++;
            now = System.nanoTime();
        } while (now < end);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == null) {
            throw new IllegalStateException();
        }
        return new double[] {calls / ((now - start) / 1e9), calls / (cpu / 1e9)};
    }
}
