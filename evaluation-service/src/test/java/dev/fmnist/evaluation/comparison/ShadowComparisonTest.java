package dev.fmnist.evaluation.comparison;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.evaluation.testing.PredictionFlow;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A challenger in shadow beside the champion, end to end on the real broker and PostgreSQL: the champion's predictions
 * on fmnist.predictions, the challenger's on fmnist.predictions.shadow, for the same labelled image ids; the
 * challenger's Evaluation carries the comparison an oracle computes here from the published predictions, the verdict
 * is BETTER, a CHALLENGER_VERDICT alert is raised once, and the stand-in training-service receives exactly one promote
 * call with a valid operator token.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(AutoPromotion.class)
class ShadowComparisonTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int IMAGES = 400;

    @Test
    void aBetterChallengerIsComparedOnTheSameImagesAndPromotedOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String champion = "champ-" + suffix;
        String challenger = "challenger-" + suffix;
        Instant at = Instant.now();
        ModelEvents.send(
                ModelEvents.event(champion, "champ", ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.7, at),
                ModelEvents.event(challenger, "challenger", ModelStatus.SHADOW, ModelStatus.REGISTERED, 0.9, at));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/models")
                        .then()
                        .body(
                                "find { it.modelId == '" + champion + "' }.status",
                                org.hamcrest.Matchers.equalTo("PRODUCTION"))
                        .body(
                                "find { it.modelId == '" + challenger + "' }.status",
                                org.hamcrest.Matchers.equalTo("SHADOW")));

        // the champion is right on 7 images in 10, the challenger on 9 in 10 (not always on the same ones); the
        // champion also predicted 20 images the challenger never saw, the challenger 10 the champion never saw
        List<Prediction> championSide = new ArrayList<>();
        List<Prediction> challengerSide = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            String image = "pair-" + suffix + "-" + i;
            int t = i % 10;
            int a = (i / 10) % 10 < 7 ? t : (t + 1) % 10;
            int b = (i * 7 / 10) % 10 < 9 ? t : (t + 2) % 10;
            championSide.add(HandMadeSet.prediction(champion, image, t, a).withRole(Prediction.PRODUCTION));
            challengerSide.add(HandMadeSet.prediction(challenger, image, t, b).withRole(Prediction.SHADOW));
        }
        for (int i = 0; i < 20; i++) {
            championSide.add(HandMadeSet.prediction(champion, "champion-only-" + suffix + "-" + i, i % 10, 0));
        }
        for (int i = 0; i < 10; i++) {
            challengerSide.add(HandMadeSet.prediction(challenger, "challenger-only-" + suffix + "-" + i, i % 10, 0)
                    .withRole(Prediction.SHADOW));
        }
        PredictionFlow.sendPredictions(championSide);
        PredictionFlow.awaitEvaluation(champion, championSide.size());
        Broker.sendJson(
                Topics.PREDICTIONS_SHADOW,
                challengerSide.stream()
                        .<Map.Entry<String, ?>>map(p -> Map.entry(p.id(), p))
                        .toList());

        Evaluation evaluation = PredictionFlow.awaitEvaluation(challenger, challengerSide.size());
        Comparison c = evaluation.comparison();
        Comparison expected = oracle(champion, championSide, challengerSide);
        assertThat(c).as("the challenger's Evaluation carries its comparison").isNotNull();
        assertThat(c.championId()).isEqualTo(champion);
        assertThat(c.championVersion()).isEqualTo(3);
        assertThat(c.pairedImages()).isEqualTo(IMAGES);
        assertThat(new long[] {c.bothCorrect(), c.championOnly(), c.challengerOnly(), c.neitherCorrect()})
                .containsExactly(
                        expected.bothCorrect(),
                        expected.championOnly(),
                        expected.challengerOnly(),
                        expected.neitherCorrect());
        assertThat(c.championAccuracy()).isCloseTo(expected.championAccuracy(), within(1e-12));
        assertThat(c.challengerAccuracy()).isCloseTo(expected.challengerAccuracy(), within(1e-12));
        assertThat(c.accuracyDelta()).isCloseTo(expected.accuracyDelta(), within(1e-12));
        assertThat(c.deltaLow()).isCloseTo(expected.deltaLow(), within(1e-12));
        assertThat(c.deltaHigh()).isCloseTo(expected.deltaHigh(), within(1e-12));
        assertThat(c.confidence()).isEqualTo(0.95);
        assertThat(c.mcnemarP()).isCloseTo(expected.mcnemarP(), within(expected.mcnemarP() * 1e-9));
        assertThat(c.f1Delta()).containsExactly(expected.f1Delta(), within(1e-12));
        assertThat(c.macroF1Delta()).isCloseTo(expected.macroF1Delta(), within(1e-12));
        assertThat(c.mcnemarP()).isLessThan(0.01);
        assertThat(c.verdict()).isEqualTo(Comparison.BETTER);
        assertThat(PredictionFlow.evaluations(champion))
                .as("the champion, in production, is compared with nothing")
                .allSatisfy(e -> assertThat(e.comparison()).isNull());

        // GET /api/comparisons serves it
        JsonNode served = JsonCodec.mapper()
                .readTree(given().get("/api/comparisons")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        JsonNode entry = null;
        for (JsonNode node : served) {
            if (challenger.equals(node.path("modelId").asText())) {
                entry = node;
            }
        }
        assertThat(entry).as("GET /api/comparisons lists the challenger").isNotNull();
        assertThat(entry.path("modelVersion").asInt()).isEqualTo(1);
        assertThat(entry.path("comparison").path("verdict").asText()).isEqualTo(Comparison.BETTER);
        assertThat(entry.path("comparison").path("pairedImages").asLong()).isEqualTo(IMAGES);
        assertThat(Instant.parse(entry.path("timestamp").asText())).isNotNull();

        // exactly one promote call, with an operator token signed by the configured key and the evidence as reason
        await().atMost(WAIT).until(() -> promoteCalls(challenger).size() == 1);
        AutoPromotion.Received call = promoteCalls(challenger).get(0);
        assertThat(call.method()).isEqualTo("POST");
        String reason =
                URLDecoder.decode(call.uri().substring(call.uri().indexOf("reason=") + 7), StandardCharsets.UTF_8);
        assertThat(reason).contains("McNemar p=", "paired images", champion, "400");
        assertThat(call.authorization()).startsWith("Bearer ");
        JsonNode claims = verifiedClaims(call.authorization().substring("Bearer ".length()));
        assertThat(claims.path("iss").asText()).isEqualTo("fmnist");
        assertThat(claims.path("groups").toString()).contains("\"operator\"");
        assertThat(claims.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());

        // one CHALLENGER_VERDICT alert
        await().atMost(WAIT)
                .until(() -> !Broker.readValues(Topics.ALERTS, challenger, Alert.class)
                        .isEmpty());
        assertThat(Broker.readValues(Topics.ALERTS, challenger, Alert.class))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.type()).isEqualTo(Alert.CHALLENGER_VERDICT);
                    assertThat(alert.state()).isEqualTo(Alert.RAISED);
                    assertThat(alert.reason()).contains("BETTER", champion);
                    assertThat(alert.figures()).containsEntry("pairedImages", (double) IMAGES);
                });

        // more paired images: another BETTER comparison, and still one promote call and one alert
        List<Prediction> more = new ArrayList<>();
        List<Prediction> moreShadow = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String image = "more-" + suffix + "-" + i;
            more.add(HandMadeSet.prediction(champion, image, i, (i + 1) % 10));
            moreShadow.add(HandMadeSet.prediction(challenger, image, i, i).withRole(Prediction.SHADOW));
        }
        PredictionFlow.sendPredictions(more);
        PredictionFlow.awaitEvaluation(champion, championSide.size() + 10);
        Broker.sendJson(
                Topics.PREDICTIONS_SHADOW,
                moreShadow.stream()
                        .<Map.Entry<String, ?>>map(p -> Map.entry(p.id(), p))
                        .toList());
        Evaluation later = PredictionFlow.awaitEvaluation(challenger, challengerSide.size() + 10);
        assertThat(later.comparison().pairedImages()).isEqualTo(IMAGES + 10);
        assertThat(later.comparison().verdict()).isEqualTo(Comparison.BETTER);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> promoteCalls(challenger).size() == 1);
        assertThat(Broker.readValues(Topics.ALERTS, challenger, Alert.class)).hasSize(1);
    }

    /** The comparison recomputed from the published predictions: pair them by image id, count, and apply the rules. */
    private static Comparison oracle(String champion, List<Prediction> championSide, List<Prediction> challengerSide) {
        Map<String, Prediction> byImage = new java.util.HashMap<>();
        championSide.forEach(p -> byImage.put(p.id(), p));
        long both = 0;
        long b = 0;
        long c = 0;
        long neither = 0;
        ConfusionMatrix first = new ConfusionMatrix();
        ConfusionMatrix second = new ConfusionMatrix();
        for (Prediction s : challengerSide) {
            Prediction p = byImage.get(s.id());
            if (p == null) {
                continue;
            }
            int t = s.trueLabel();
            boolean championRight = p.label() == t;
            boolean challengerRight = s.label() == t;
            if (championRight && challengerRight) {
                both++;
            } else if (championRight) {
                b++;
            } else if (challengerRight) {
                c++;
            } else {
                neither++;
            }
            first.add(t, p.label());
            second.add(t, s.label());
        }
        long n = both + b + c + neither;
        double d = (double) (c - b) / n;
        double se = Math.sqrt(((double) (b + c) / n - d * d) / n);
        double[] f1 = new double[FashionLabels.COUNT];
        for (int k = 0; k < FashionLabels.COUNT; k++) {
            f1[k] = second.f1(k) - first.f1(k);
        }
        return new Comparison(
                champion,
                3,
                n,
                both,
                b,
                c,
                neither,
                (double) (both + b) / n,
                (double) (both + c) / n,
                d,
                d - 1.959964 * se,
                d + 1.959964 * se,
                0.95,
                exactMcNemar(b, c),
                f1,
                second.macroF1() - first.macroF1(),
                Comparison.BETTER);
    }

    /** 2 P(X <= min(b, c)), X ~ Binomial(b + c, 1/2), in exact integer arithmetic. */
    private static double exactMcNemar(long b, long c) {
        int m = (int) (b + c);
        int k = (int) Math.min(b, c);
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        return Math.min(
                1.0,
                new BigDecimal(sum.shiftLeft(1))
                        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(m)), MathContext.DECIMAL128)
                        .doubleValue());
    }

    private static List<AutoPromotion.Received> promoteCalls(String modelId) {
        return AutoPromotion.received.stream()
                .filter(r -> r.uri().startsWith("/models/" + modelId + "/promote?"))
                .toList();
    }

    /** @return the token's claims, once its RS256 signature is verified with the public half of the test key */
    private static JsonNode verifiedClaims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JsonCodec.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(AutoPromotion.keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2])))
                .as("signed by the key at fmnist.evaluation.promotion.signing-key")
                .isTrue();
        return JsonCodec.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
