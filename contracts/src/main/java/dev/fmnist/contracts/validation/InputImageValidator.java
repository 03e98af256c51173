package dev.fmnist.contracts.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Identifiers;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.image.GreyImageDecoder;
import dev.fmnist.contracts.image.ImageDecodingException;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.json.JsonObjectParser;

import java.util.Base64;

/**
 * Applies the contract's input rules to one record value. Every refusal names its rule first
 * ({@code rule: details}); the rules are:
 * <ul>
 *   <li>{@code record-too-large}: the value exceeds the configured byte limit;</li>
 *   <li>{@code not-an-object}, {@code invalid-json}: the value is not one JSON object (trailing content after
 *       the object and duplicated fields are invalid JSON);</li>
 *   <li>{@code invalid-id}: {@code id} missing, not a string, empty, over 128 Unicode code points, or holding a
 *       control character (see {@link Identifiers});</li>
 *   <li>{@code invalid-size}: {@code width} or {@code height} given and not 28;</li>
 *   <li>{@code missing-image}: neither {@code pixels} nor {@code png};</li>
 *   <li>{@code invalid-pixels}: {@code pixels} not base64 of exactly 784 bytes;</li>
 *   <li>{@code invalid-png}: {@code png} not base64 of a PNG/JPEG that decodes, or whose header declares more
 *       than {@link GreyImageDecoder#MAX_SIDE} pixels in either dimension (checked before decoding);</li>
 *   <li>{@code invalid-label}: {@code label} present, not null, and not an integer 0..9.</li>
 * </ul>
 * When both {@code pixels} and {@code png} are present, {@code pixels} is used.
 */
public final class InputImageValidator {

    /** Longest accepted id, in Unicode code points. */
    public static final int MAX_ID_LENGTH = Identifiers.MAX_LENGTH;
    /** Default largest accepted record value: 1 MiB, Kafka's default record limit. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    private final String service;
    private final int maxRecordBytes;

    /**
     * @param service        refusing service, stamped on rejections
     * @param maxRecordBytes largest accepted value
     */
    public InputImageValidator(String service, int maxRecordBytes) {
        this.service = service;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** @param service refusing service, stamped on rejections */
    public InputImageValidator(String service) {
        this(service, DEFAULT_MAX_RECORD_BYTES);
    }

    /** @return the refusing service's name, stamped on rejections */
    public String service() {
        return service;
    }

    /**
     * @param topic source topic
     * @param key   record key, may be null (it never stands in for the id)
     * @param value record value, may be null
     * @return the decoded image, or the rejection naming the broken rule
     */
    public Decoded<DecodedImage> validate(String topic, String key, byte[] value) {
        String problem;
        DecodedImage image = null;
        if (value != null && value.length > maxRecordBytes) {
            problem = "record-too-large: value is " + value.length + " bytes, the limit is " + maxRecordBytes;
        } else {
            JsonObjectParser.Parsed parsed = JsonObjectParser.parse(value);
            problem = parsed.problem();
            if (problem == null) {
                try {
                    image = decode(parsed.node());
                } catch (RuleViolation violation) {
                    problem = violation.getMessage();
                }
            }
        }
        return problem == null
                ? Decoded.accepted(image)
                : Decoded.refused(Rejection.of(topic, key, problem, value, service));
    }

    private static DecodedImage decode(JsonNode node) {
        String id = id(node.get("id"));
        checkSide(node, "width");
        checkSide(node, "height");
        Integer label = label(node.get("label"));
        JsonNode pixels = node.get("pixels");
        JsonNode png = node.get("png");
        byte[] levels;
        if (pixels != null && !pixels.isNull()) {
            levels = pixels(pixels);
        } else if (png != null && !png.isNull()) {
            levels = png(png);
        } else {
            throw new RuleViolation("missing-image: the record has neither 'pixels' nor 'png'");
        }
        return new DecodedImage(id, levels, label);
    }

    private static String id(JsonNode id) {
        if (id == null || id.isNull()) {
            throw new RuleViolation("invalid-id: 'id' is missing");
        }
        if (!id.isTextual()) {
            throw new RuleViolation("invalid-id: 'id' must be a string, was a " + typeOf(id));
        }
        String problem = Identifiers.problem("id", id.textValue());
        if (problem != null) {
            throw new RuleViolation("invalid-id: " + problem);
        }
        return id.textValue();
    }

    private static void checkSide(JsonNode node, String field) {
        JsonNode side = node.get(field);
        if (side != null && !side.isNull() && !(side.isIntegralNumber() && side.asLong() == ImageGeometry.SIDE)) {
            throw new RuleViolation("invalid-size: '" + field + "' must be 28, was " + side);
        }
    }

    private static Integer label(JsonNode label) {
        if (label == null || label.isNull()) {
            return null;
        }
        if (!label.isIntegralNumber() || !label.canConvertToInt() || !FashionLabels.isValid(label.intValue())) {
            throw new RuleViolation("invalid-label: 'label' must be an integer 0..9, was " + abbreviate(label));
        }
        return label.intValue();
    }

    private static byte[] pixels(JsonNode pixels) {
        if (!pixels.isTextual()) {
            throw new RuleViolation("invalid-pixels: 'pixels' must be a base64 string, was a " + typeOf(pixels));
        }
        byte[] levels;
        try {
            levels = Base64.getDecoder().decode(pixels.textValue());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("invalid-pixels: 'pixels' is not valid base64 (" + e.getMessage() + ")");
        }
        if (levels.length != ImageGeometry.PIXELS) {
            throw new RuleViolation(
                    "invalid-pixels: 'pixels' decodes to " + levels.length + " bytes; 784 (28x28) are required");
        }
        return levels;
    }

    private static byte[] png(JsonNode png) {
        if (!png.isTextual()) {
            throw new RuleViolation("invalid-png: 'png' must be a base64 string, was a " + typeOf(png));
        }
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(png.textValue());
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("invalid-png: 'png' is not valid base64 (" + e.getMessage() + ")");
        }
        try {
            return GreyImageDecoder.decode(encoded);
        } catch (ImageDecodingException e) {
            throw new RuleViolation("invalid-png: " + e.getMessage());
        }
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A broken input rule; its message is the rejection reason. */
    private static final class RuleViolation extends RuntimeException {
        RuleViolation(String message) {
            super(message, null, false, false);
        }
    }
}
