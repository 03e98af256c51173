package dev.fmnist.ml;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Configures ND4J once per JVM, before any DL4J class loads: enables the oneDNN layer helpers (off by default in
 * M2.1; see {@link org.nd4j.nativeblas.Nd4jCpu}), picks the oneDNN native build when it is on the classpath, and
 * turns off JavaCPP's per-allocation check of the resident memory ({@value #MAX_PHYSICAL_BYTES}) unless set.
 */
public final class Dl4jRuntime {

    /** DL4J's switch for the layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /**
     * JavaCPP's limit on the process's physical memory; above 0 (the default), every native allocation first reads
     * the resident set size from {@code /proc}, about 5% of an {@code mlp} training step. Its other limit,
     * {@code org.bytedeco.javacpp.maxBytes} on the bytes JavaCPP itself allocated, stays.
     */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    /** JavaCPP's choice of native build variant. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private static volatile BackendInfo backend;

    private Dl4jRuntime() {}

    /**
     * Idempotent; call before the first network is built or loaded.
     *
     * @return which backend ND4J runs on
     */
    public static synchronized BackendInfo initialise() {
        if (backend == null) {
            System.setProperty(HELPERS_DISABLE, System.getProperty(HELPERS_DISABLE, "false"));
            System.setProperty(MAX_PHYSICAL_BYTES, System.getProperty(MAX_PHYSICAL_BYTES, "0"));
            if (System.getProperty(PLATFORM_EXTENSION) == null
                    && Dl4jRuntime.class.getResource("/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/")
                            != null) {
                System.setProperty(PLATFORM_EXTENSION, "-onednn");
            }
            java.util.Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String name = Nd4j.getBackend().getClass().getSimpleName();
            boolean cuda =
                    name.toLowerCase().contains("cuda") || name.toLowerCase().contains("jcublas");
            String device = cuda
                    ? String.valueOf(env.getOrDefault("cuda.deviceName", env.getOrDefault("device", "GPU")))
                    : Runtime.getRuntime().availableProcessors() + " cores, " + env.getOrDefault("omp.threads", "?")
                            + " OpenMP threads" + (oneDnnEnabledRaw() ? ", oneDNN" : "");
            backend = new BackendInfo(cuda ? "CUDA" : "CPU", name, device, "deeplearning4j " + dl4jVersion());
        }
        return backend;
    }

    /**
     * @return whether the native CPU library runs oneDNN (false on other backends); the layer helpers need it
     */
    public static boolean oneDnnEnabled() {
        initialise();
        return oneDnnEnabledRaw();
    }

    private static boolean oneDnnEnabledRaw() {
        try {
            return org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        } catch (LinkageError | RuntimeException notCpu) {
            return false;
        }
    }

    private static String dl4jVersion() {
        try (java.io.InputStream in =
                Nd4j.class.getResourceAsStream("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("version", "?");
            }
        } catch (java.io.IOException ignored) {
            // falls through
        }
        String version = Nd4j.class.getPackage().getImplementationVersion();
        return version == null ? "?" : version;
    }

    /**
     * @param network a network after {@code init()}
     * @return per layer with a oneDNN helper, "index:LayerClass:HelperClass"; empty when none is active
     */
    public static List<String> oneDnnHelpers(Model network) {
        List<String> helpers = new ArrayList<>();
        Layer[] layers = network instanceof MultiLayerNetwork mln
                ? mln.getLayers()
                : network instanceof ComputationGraph graph ? graph.getLayers() : new Layer[0];
        for (int i = 0; i < layers.length; i++) {
            LayerHelper helper = layers[i].getHelper();
            if (helper != null && helper.getClass().getName().contains("mkldnn")) {
                helpers.add(i + ":" + layers[i].getClass().getSimpleName() + ":"
                        + helper.getClass().getSimpleName());
            }
        }
        return helpers;
    }

    /**
     * @param kind      {@code CPU} or {@code CUDA}
     * @param backend   ND4J backend class
     * @param device    device description
     * @param framework engine and version
     */
    public record BackendInfo(String kind, String backend, String device, String framework) {
        @Override
        public String toString() {
            return kind + " (" + backend + ", " + device + "), " + framework;
        }
    }
}
