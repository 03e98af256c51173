package dev.fmnist.cli.console;

import java.util.Locale;

/** Number formats of the terminal output. */
public final class Format {

    private Format() {}

    /** @return {@code 70,000} */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** @return {@code 88.12%} for 0.8812 */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** @return {@code 0.8801} */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** @return {@code 1m05s} for 65 seconds, {@code 42s} under a minute */
    public static String duration(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        return total < 60 ? total + "s" : String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
    }
}
