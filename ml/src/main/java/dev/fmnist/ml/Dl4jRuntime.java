package dev.fmnist.ml;

import org.nd4j.linalg.factory.Nd4j;


/**
 * Configures ND4J once per JVM, before any DL4J class loads: enables the oneDNN layer helpers (off by default in
 * M2.1; see {@link org.nd4j.nativeblas.Nd4jCpu}) and picks the oneDNN native build when it is on the classpath.
 */
public final class Dl4jRuntime {

    /** DL4J's switch for the layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** JavaCPP's choice of native build variant. */
    public static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private static volatile BackendInfo backend;

    private Dl4jRuntime() {
    }

    /**
     * Idempotent; call before the first network is built or loaded.
     *
     * @return which backend ND4J runs on
     */
    public static synchronized BackendInfo initialise() {
        if (backend == null) {
            System.setProperty(HELPERS_DISABLE, System.getProperty(HELPERS_DISABLE, "false"));
            if (System.getProperty(PLATFORM_EXTENSION) == null
                    && Dl4jRuntime.class.getResource("/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/")
                    != null) {
                System.setProperty(PLATFORM_EXTENSION, "-onednn");
            }
            java.util.Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String name = Nd4j.getBackend().getClass().getSimpleName();
            String device = String.valueOf(env.getOrDefault("cuda.deviceName", env.getOrDefault("cpu.cores", "?")));
            boolean cuda = name.toLowerCase().contains("cuda") || name.toLowerCase().contains("jcublas");
            backend = new BackendInfo(cuda ? "CUDA" : "CPU", name,
                    cuda ? device : device + " cores, " + Nd4j.getExecutioner().getClass().getSimpleName(),
                    "deeplearning4j " + Nd4j.class.getPackage().getImplementationVersion());
        }
        return backend;
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
