package dev.fmnist.cli.console;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Numbered step lines with timings, so the user always sees what is happening:
 *
 * <pre>
 * [3/7] Ingest fashion-mnist from /usr/share/datasets/fashion-mnist
 *       published 70,000 images (train 60,000, test 10,000) (14.2 s)
 * </pre>
 */
public final class Steps {

    /** Indent of the lines under a step title. */
    public static final String INDENT = "      ";

    private final PrintWriter out;
    private final int total;
    private final long started = System.nanoTime();
    private long stepStarted = System.nanoTime();

    /** @param total how many steps there are */
    public Steps(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /** @return where the steps print */
    public PrintWriter out() {
        return out;
    }

    /**
     * Prints a step's title and starts its clock.
     *
     * @param title  what the step does
     */
    public void begin(int number, String title) {
        stepStarted = System.nanoTime();
        out.println("[" + number + "/" + total + "] " + title);
        out.flush();
    }

    /** Prints a line under the current step. */
    public void info(String line) {
        out.println(INDENT + line);
        out.flush();
    }

    /**
     * Ends the current step with its outcome and how long it took.
     *
     * @param outcome what came of it
     */
    public void done(String outcome) {
        out.println(INDENT + outcome + " (" + seconds(System.nanoTime() - stepStarted) + ")");
        out.flush();
    }

    /** @return seconds since the first step, e.g. {@code 93.4 s} */
    public String sinceStart() {
        return seconds(System.nanoTime() - started);
    }

    /**
     * @param nanos a duration in nanoseconds
     * @return it in seconds with one decimal, e.g. {@code 12.3 s}
     */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
