package dev.fmnist.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fmnist.contracts.Checkable;
import dev.fmnist.contracts.Rejection;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the value of a Kafka record into a contract message, or into a {@link Rejection} that says which rule
 * it broke. Never throws on bad input: a consumer that uses it cannot be stopped by a poison record.
 */
public final class RecordDecoder {

    private final String service;

    /** @param service name of the decoding service, stamped on rejections */
    public RecordDecoder(String service) {
        this.service = service;
    }

    /**
     * @param topic source topic
     * @param key   record key (may be null)
     * @param value record value (may be null)
     * @param type  expected message type
     * @return the decoded message, or the rejection
     */
    public <T> Decoded<T> decode(String topic, String key, byte[] value, Class<T> type) {
        JsonObjectParser.Parsed parsed = JsonObjectParser.parse(value);
        String problem = parsed.problem();
        if (problem == null) {
            try {
                T decoded = JsonCodec.mapper().treeToValue(parsed.node(), type);
                problem = decoded instanceof Checkable checkable ? checkable.problem() : null;
                if (problem == null) {
                    return Decoded.accepted(decoded);
                }
                problem = "invalid-field: " + problem;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problem = "invalid-field: not a valid " + type.getSimpleName() + ": "
                        + JsonObjectParser.firstLine(e.getMessage());
            }
        }
        return Decoded.refused(Rejection.of(topic, key, problem, value, service));
    }

    /** @see #decode(String, String, byte[], Class) */
    public <T> Decoded<T> decode(String topic, String key, String value, Class<T> type) {
        return decode(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), type);
    }
}
