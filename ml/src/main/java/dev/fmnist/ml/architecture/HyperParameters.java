package dev.fmnist.ml.architecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture-specific hyper-parameters of a job ({@code TrainingJob.params}), read with typed getters that
 * record the value used (given or default). After an architecture has read what it knows,
 * {@link #unknownKeys()} names what nobody read, and {@link #resolved()} is the complete, effective set to keep
 * with the model. Getters throw {@link InvalidHyperParameterException} with a readable reason.
 */
public final class HyperParameters {

    private final Map<String, Object> given;
    private final Map<String, Object> defaults;
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final double learningRate;
    private final long seed;
    private final int batchesPerEpoch;
    private final int epochs;

    /**
     * @param given           job parameters (may be null)
     * @param learningRate    initial learning rate
     * @param seed            random seed of the weight initialisation
     * @param epochs          planned epochs (for schedules)
     * @param batchesPerEpoch steps per epoch (for schedules)
     */
    public HyperParameters(Map<String, Object> given, double learningRate, long seed, int epochs, int batchesPerEpoch) {
        this(given, Map.of(), learningRate, seed, epochs, batchesPerEpoch);
    }

    /**
     * @param given           job parameters (may be null)
     * @param defaults        the architecture's own defaults ({@link Architecture#defaults()}): they replace the
     *                        getters' defaults but are not "given" (a default nobody reads is no unknown key)
     * @param learningRate    initial learning rate
     * @param seed            random seed of the weight initialisation
     * @param epochs          planned epochs (for schedules)
     * @param batchesPerEpoch steps per epoch (for schedules)
     */
    public HyperParameters(
            Map<String, Object> given,
            Map<String, Object> defaults,
            double learningRate,
            long seed,
            int epochs,
            int batchesPerEpoch) {
        this.given = given == null ? Map.of() : Map.copyOf(given);
        this.defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        this.learningRate = learningRate;
        this.seed = seed;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    public double learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
    }

    public int epochs() {
        return epochs;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** @return a number in {@code [min, max]} */
    public double getDouble(String key, double defaultValue, double min, double max) {
        Object raw = raw(key);
        double value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Number number) {
            value = number.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().trim());
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a number, was '" + raw + "'");
            }
        }
        if (!(value >= min && value <= max)) {
            throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
        }
        resolved.put(key, value);
        return value;
    }

    /** @return an integer in {@code [min, max]} */
    public int getInt(String key, int defaultValue, int min, int max) {
        Object raw = raw(key);
        int value;
        if (raw == null) {
            value = defaultValue;
        } else {
            value = toInt(key, raw);
        }
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
        }
        resolved.put(key, value);
        return value;
    }

    /** @return {@code true} or {@code false} (a boolean, or the text {@code true}/{@code false}) */
    public boolean getBoolean(String key, boolean defaultValue) {
        Object raw = raw(key);
        boolean value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Boolean b) {
            value = b;
        } else if (raw.toString().trim().equalsIgnoreCase("true")
                || raw.toString().trim().equalsIgnoreCase("false")) {
            value = Boolean.parseBoolean(raw.toString().trim());
        } else {
            throw invalid(key, "must be true or false, was '" + raw + "'");
        }
        resolved.put(key, value);
        return value;
    }

    /** @return one of {@code choices} (case-insensitive; returned in lower case) */
    public String getChoice(String key, String defaultValue, List<String> choices) {
        Object raw = raw(key);
        String value = raw == null ? defaultValue : raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(value)) {
            throw invalid(key, "must be one of " + choices + ", was '" + raw + "'");
        }
        resolved.put(key, value);
        return value;
    }

    /** @return a non-empty list of integers each in {@code [min, max]}; accepts a JSON array or "256,128" */
    public List<Integer> getIntList(String key, List<Integer> defaultValue, int min, int max) {
        Object raw = raw(key);
        List<Integer> values = new ArrayList<>();
        if (raw == null) {
            values.addAll(defaultValue);
        } else if (raw instanceof List<?> list) {
            for (Object item : list) {
                values.add(toInt(key, item));
            }
        } else if (raw instanceof Number) {
            values.add(toInt(key, raw));
        } else {
            for (String part : raw.toString().split(",")) {
                if (!part.isBlank()) {
                    values.add(toInt(key, part.trim()));
                }
            }
        }
        if (values.isEmpty()) {
            throw invalid(key, "must name at least one value");
        }
        for (int value : values) {
            if (value < min || value > max) {
                throw invalid(key, "values must be between " + min + " and " + max + ", was " + value);
            }
        }
        resolved.put(key, List.copyOf(values));
        return values;
    }

    /** @return whether the job gave {@code key} (a default does not count) */
    public boolean isGiven(String key) {
        return given.containsKey(key);
    }

    /** @return the keys given but never read */
    public Set<String> unknownKeys() {
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(resolved.keySet());
        return unknown;
    }

    /** @return every parameter read, with the value used, in reading order */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    }

    private Object raw(String key) {
        Object value = given.get(key);
        return value != null ? value : defaults.get(key);
    }

    private int toInt(String key, Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            long value = ((Number) raw).longValue();
            if (value == (int) value) {
                return (int) value;
            }
        } else if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return (int) number.doubleValue();
        } else if (!(raw instanceof Number)) {
            try {
                return Integer.parseInt(raw.toString().trim());
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw invalid(key, "must be an integer, was '" + raw + "'");
    }

    private static InvalidHyperParameterException invalid(String key, String problem) {
        return new InvalidHyperParameterException("parameter '" + key + "' " + problem);
    }
}
