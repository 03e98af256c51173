package dev.fmnist.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --grid name=v1,v2} of {@code fmnist search}: a hyper-parameter and the values the search tries. Values
 * are JSON when they parse (numbers, booleans, arrays), else text, as {@code --param}'s. They are separated by
 * {@code ,}, or by {@code ;} when the list holds {@code ;}, {@code [} or <code>{</code> (a value with commas:
 * {@code hiddenLayers=[128];[256,128]}).
 *
 * @param name   {@code architecture}, {@code epochs}, {@code batchSize}, {@code learningRate}, or an architecture
 *               hyper-parameter
 * @param values the values, in the order given, at least one
 */
record GridAxis(String name, List<Object> values) {

    GridAxis {
        values = List.copyOf(values);
    }

    /**
     * @param text {@code name=v1,v2,...}
     * @return the axis
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static GridAxis parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || text.substring(0, equals).isBlank()) {
            throw new IllegalArgumentException("--grid wants name=v1,v2,..., got '" + text + "'");
        }
        String name = text.substring(0, equals).trim();
        String list = text.substring(equals + 1).trim();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--grid " + name + " has no values (name=v1,v2,...)");
        }
        String separator = list.contains(";") || list.contains("[") || list.contains("{") ? ";" : ",";
        List<Object> values = new ArrayList<>();
        for (String part : list.split(separator, -1)) {
            String value = part.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("--grid " + name + " has an empty value in '" + list + "'"
                        + (separator.equals(";") ? " (values separated by ';')" : ""));
            }
            Object parsed = JobParameters.value(value);
            if (values.contains(parsed)) {
                throw new IllegalArgumentException("--grid " + name + " lists " + value + " twice");
            }
            values.add(parsed);
        }
        String problem = typeProblem(name, values);
        if (problem != null) {
            throw new IllegalArgumentException("--grid " + name + ": " + problem);
        }
        return new GridAxis(name, values);
    }

    /** The job's own fields must get values of their type; the service would refuse the search otherwise. */
    private static String typeProblem(String name, List<Object> values) {
        for (Object value : values) {
            boolean fits =
                    switch (name) {
                        case "epochs", "batchSize" -> value instanceof Integer i && i > 0;
                        case "learningRate" -> value instanceof Number n && n.doubleValue() > 0;
                        case "architecture" -> value instanceof String;
                        default -> true;
                    };
            if (!fits) {
                return (name.equals("architecture")
                                ? "wants architecture names"
                                : name.equals("learningRate") ? "wants positive numbers" : "wants positive integers")
                        + ", got " + value;
            }
        }
        return null;
    }

    /**
     * @param axes the {@code --grid} options, in order
     * @return name → values, in order, as the search's {@code grid}
     * @throws IllegalArgumentException when a name is given twice
     */
    static Map<String, List<Object>> grid(List<GridAxis> axes) {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        for (GridAxis axis : axes) {
            if (grid.put(axis.name(), axis.values()) != null) {
                throw new IllegalArgumentException(
                        "--grid " + axis.name() + " is given twice; list all its values in one --grid");
            }
        }
        return grid;
    }

    /** @return how many configurations the grid has */
    static long size(Map<String, List<Object>> grid) {
        return grid.values().stream().mapToLong(List::size).reduce(1L, (a, b) -> a * b);
    }

    /** picocli's converter: a bad {@code --grid} is a usage error that says what is wrong. */
    static final class Converter implements ITypeConverter<GridAxis> {
        @Override
        public GridAxis convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
