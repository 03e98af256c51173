package dev.fmnist.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A record some service refused, on {@code fmnist.rejected} (key = the original key).
 *
 * @param topic     where the refused record came from (or the source it was read from)
 * @param key       its key
 * @param reason    the broken rule, {@code rule-code: details}
 * @param payload   the first 1 KiB of the record
 * @param timestamp when it was refused
 * @param service   which service refused it (extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rejection(String topic, String key, String reason, String payload, Instant timestamp, String service) {

    /** How much of a refused record is kept. */
    public static final int PAYLOAD_LIMIT = 1024;

    /**
     * @param topic   source topic
     * @param key     original key, may be null
     * @param reason  why it was refused
     * @param value   the raw record value, may be null
     * @param service the refusing service
     * @return a rejection holding at most the first 1 KiB of {@code value}
     */
    public static Rejection of(String topic, String key, String reason, byte[] value, String service) {
        String payload = value == null
                ? null
                : new String(Arrays.copyOf(value, Math.min(value.length, PAYLOAD_LIMIT)), StandardCharsets.UTF_8);
        return new Rejection(topic, key, reason, payload, Instant.now(), service);
    }
}
