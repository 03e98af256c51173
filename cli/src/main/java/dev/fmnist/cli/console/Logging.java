package dev.fmnist.cli.console;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Library logging of the CLI (java.util.logging; Kafka and the PostgreSQL launcher log through slf4j-jdk14): quiet by
 * default, one line per record with {@code --verbose}.
 */
public final class Logging {

    private static final String[] NOISY = {"org.apache.kafka", "io.zonky", "kafka"};
    private static volatile boolean verbose;

    private Logging() {}

    /** Installs a one-line console format, warnings only, and silences the chatty libraries. */
    public static void configure() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new OneLine());
        root.addHandler(console);
        apply();
    }

    /** @param on show library logs (INFO and up) and stack traces */
    public static void verbose(boolean on) {
        verbose = on;
        apply();
    }

    /** @return whether {@code --verbose} was given */
    public static boolean isVerbose() {
        return verbose;
    }

    private static void apply() {
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
        for (String name : NOISY) {
            Logger.getLogger(name).setLevel(verbose ? Level.INFO : Level.OFF);
        }
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String message = formatMessage(record);
            String line = record.getLevel().getName().toLowerCase() + " [" + shortName(record.getLoggerName()) + "] "
                    + message + System.lineSeparator();
            if (record.getThrown() != null && verbose) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line += trace;
            }
            return line;
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "";
            }
            int dot = logger.lastIndexOf('.');
            return dot < 0 ? logger : logger.substring(dot + 1);
        }
    }
}
