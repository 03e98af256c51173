package dev.fmnist.pipeline;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.testing.HostileImages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A record written raw (bytes, not through a contract type) to a topic of the pipeline, that the contract says must be
 * refused to {@code fmnist.rejected} under one rule while the records behind it are processed.
 *
 * @param name    what it is, for messages
 * @param topic   where it is written
 * @param key     its Kafka key: a clean one, so that its rejection can be found (the contract never takes the id from
 *                the key); every id the record holds starts with it
 * @param value   its raw value
 * @param rules   the rule codes its rejection may carry (the reason starts with one of them)
 * @param service the service that must refuse it
 */
record HostileRecord(String name, String topic, String key, byte[] value, Set<String> rules, String service) {

    private static final String INFERENCE = "inference-service";
    private static final String EVALUATION = "evaluation-service";

    /**
     * @param prefix  prefix of the keys (unique per run)
     * @param pixels  784 grey levels of a real image, so only the broken rule is wrong
     * @param modelId the model a forged prediction claims
     * @return the JSON and id records: an id holding U+0000, a duplicated field, trailing content, and a Prediction
     *         whose id holds U+0000 written straight to {@code fmnist.predictions}
     */
    static List<HostileRecord> jsonAndIds(String prefix, byte[] pixels, String modelId) {
        String base64 = Base64.getEncoder().encodeToString(pixels);
        String nulKey = prefix + "-nul-id";
        String duplicateKey = prefix + "-duplicate-field";
        String trailingKey = prefix + "-trailing-content";
        String predictionKey = prefix + "-nul-prediction";
        double[] probabilities = new double[FashionLabels.COUNT];
        Arrays.fill(probabilities, 0.1);
        Prediction forged = new Prediction(
                predictionKey + "\u0000", modelId, 1, 3, FashionLabels.name(3), probabilities, 3, 1.0, Instant.now());
        return List.of(
                input(
                        "an input id holding U+0000",
                        nulKey,
                        "{\"id\":\"" + nulKey + "\\u0000\",\"pixels\":\"" + base64 + "\",\"label\":1}",
                        "invalid-id"),
                input(
                        "a JSON object with a duplicated field",
                        duplicateKey,
                        "{\"id\":\"" + duplicateKey + "\",\"pixels\":\"" + base64 + "\",\"label\":2,\"id\":\""
                                + duplicateKey + "-2\"}",
                        "invalid-json"),
                input(
                        "a JSON object followed by trailing content",
                        trailingKey,
                        "{\"id\":\"" + trailingKey + "\",\"pixels\":\"" + base64 + "\",\"label\":3} {\"id\":\"x\"}",
                        "invalid-json"),
                new HostileRecord(
                        "a Prediction whose id holds U+0000, on fmnist.predictions",
                        Topics.PREDICTIONS,
                        predictionKey,
                        JsonCodec.toBytes(forged),
                        Set.of("invalid-id", "invalid-field"),
                        EVALUATION));
    }

    /**
     * @param prefix prefix of the keys
     * @return three PNGs whose header declares 20000×20000 pixels, as InputImages: two of a few hundred bytes (8-bit
     *         grey from {@link HostileImages#pngDeclaring}, 400 MB if decoded, and the same declared as RGBA, 1.6 GB),
     *         whose short data a decoder only notices after allocating the raster; and a complete one of zero rows
     *         (about 390 KB, {@link BombPngs#completeGrey}) that a decoder trusting the header decodes entirely
     */
    static List<HostileRecord> decompressionBombs(String prefix) {
        return List.of(
                png(
                        "a PNG of a few hundred bytes declaring 20000x20000 grey pixels",
                        prefix + "-grey-header",
                        HostileImages.pngDeclaring(20_000, 20_000)),
                png(
                        "a PNG of a few hundred bytes declaring 20000x20000 RGBA pixels",
                        prefix + "-rgba-header",
                        BombPngs.headerOnly(20_000, 20_000, BombPngs.RGBA)),
                png(
                        "a complete 20000x20000 grey PNG of about 390 KB",
                        prefix + "-grey-complete",
                        BombPngs.completeGrey(20_000, 20_000)));
    }

    private static HostileRecord png(String name, String key, byte[] png) {
        String base64 = Base64.getEncoder().encodeToString(png);
        return input(name, key, "{\"id\":\"" + key + "\",\"png\":\"" + base64 + "\",\"label\":4}", "invalid-png");
    }

    private static HostileRecord input(String name, String key, String json, String rule) {
        return new HostileRecord(
                name, Topics.IMAGES_INPUT, key, json.getBytes(StandardCharsets.UTF_8), Set.of(rule), INFERENCE);
    }

    /** @return whether a rejection reason names one of the expected rules */
    boolean matches(String reason) {
        return reason != null && rules.stream().anyMatch(rule -> reason.startsWith(rule + ":") || reason.equals(rule));
    }
}
