package dev.fmnist.contracts.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses a record value that must be one JSON object, naming the broken rule when it is not. Duplicated fields and
 * trailing content after the object are {@code invalid-json}.
 */
public final class JsonObjectParser {

    /**
     * The shared mapper, made strict for record values: a field given twice and anything but whitespace after the
     * object are invalid JSON (the contract's rule), so every service reads a record the same way.
     */
    private static final ObjectReader STRICT = JsonCodec.mapper()
            .reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonObjectParser() {}

    /**
     * The outcome of parsing.
     *
     * @param node    the object, or null when refused
     * @param problem the broken rule, or null
     */
    public record Parsed(JsonNode node, String problem) {}

    /**
     * @param value a record value, may be null
     * @return the parsed object, or the broken rule ({@code not-an-object} or {@code invalid-json})
     */
    public static Parsed parse(byte[] value) {
        if (value == null) {
            return refused("not-an-object: value is null (a tombstone); a JSON object is required");
        }
        if (new String(value, StandardCharsets.UTF_8).isBlank()) {
            return refused("not-an-object: value is empty; a JSON object is required");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(value);
        } catch (IOException e) {
            return refused("invalid-json: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return refused("not-an-object: value is empty; a JSON object is required");
        }
        if (!node.isObject()) {
            return refused("not-an-object: value is a JSON "
                    + node.getNodeType().name().toLowerCase() + ", not an object");
        }
        return new Parsed(node, null);
    }

    private static Parsed refused(String problem) {
        return new Parsed(null, problem);
    }

    /** @return the first line of an exception message */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
