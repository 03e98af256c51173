package dev.fmnist.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.json.JsonCodec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --param k=v} values: JSON when they parse as JSON (numbers, arrays, booleans), else text. */
final class JobParameters {

    private JobParameters() {}

    /**
     * @return key → value, in order
     * @throws IllegalArgumentException for a pair without {@code =} or with an empty key
     */
    static Map<String, Object> parse(List<String> pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (pairs == null) {
            return params;
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--param wants key=value, got '" + pair + "'");
            }
            params.put(
                    pair.substring(0, equals).trim(),
                    value(pair.substring(equals + 1).trim()));
        }
        return params;
    }

    /** @return {@code 0.5} → 0.5, {@code [256,128]} → [256, 128], {@code true} → true, {@code relu} → "relu" */
    static Object value(String text) {
        try {
            JsonNode json = JsonCodec.mapper().readTree(text);
            if (json != null
                    && !json.isMissingNode()
                    && (json.isNumber() || json.isBoolean() || json.isArray() || json.isObject() || json.isTextual())) {
                return JsonCodec.mapper().treeToValue(json, Object.class);
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text
        }
        return text;
    }
}
