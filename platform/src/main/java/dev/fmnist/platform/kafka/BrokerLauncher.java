package dev.fmnist.platform.kafka;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the broker's own JVM: formats the storage (once) and runs {@code kafka.Kafka}.
 *
 * <p>The parent's {@link dev.fmnist.platform.Lifeline} sends SIGTERM when the parent goes away (even killed with
 * {@code SIGKILL}); the broker then shuts down cleanly through Kafka's own shutdown hook.
 *
 * <p>This class is copied out of the platform jar into the broker's data directory and run there, so it must only use
 * the JDK; Kafka is reached by reflection.
 */
public final class BrokerLauncher {

    private BrokerLauncher() {}

    /**
     * Formats and starts the broker.
     *
     * @param args {@code <server.properties> <cluster id>}
     * @throws Exception when Kafka cannot be started
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BrokerLauncher <server.properties> <cluster-id>");
            System.exit(2);
        }
        String serverProperties = args[0];
        String clusterId = args[1];
        int formatted = format(serverProperties, clusterId);
        if (formatted != 0) {
            System.err.println("kafka-storage format failed with status " + formatted);
            System.exit(formatted);
        }
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object)
                    new String[] {serverProperties});
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    /** {@code kafka-storage format --ignore-formatted}: a no-op for a data directory that was formatted before. */
    private static int format(String serverProperties, String clusterId) throws Exception {
        String[] formatArgs = {"format", "--config", serverProperties, "--cluster-id", clusterId, "--ignore-formatted"};
        try {
            Object status = Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, formatArgs, System.out);
            return (Integer) status;
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
