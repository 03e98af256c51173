package org.nd4j.nativeblas;

/**
 * Restores DL4J 1.0.0-M2.1's oneDNN layer helpers. DL4J's helper check ({@code BaseMKLDNNHelper.mklDnnEnabled()})
 * looks up, by reflection, {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, a class
 * that M2.1 renamed to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with
 * {@code isUseONEDNN()}. Without this bridge the check fails silently and every convolution falls back to DL4J's
 * slow im2col path. See {@code docs/dl4j-performance.md}.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {}

    /** The bridge the helper check reflects on. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        /** @return the single instance, as the old binding offered */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** @return whether the native library runs oneDNN */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                    .isUseONEDNN();
        }
    }
}
