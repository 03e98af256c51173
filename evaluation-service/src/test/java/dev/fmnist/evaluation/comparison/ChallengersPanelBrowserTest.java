package dev.fmnist.evaluation.comparison;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.evaluation.testing.Broker;
import dev.fmnist.evaluation.testing.HandMadeSet;
import dev.fmnist.evaluation.testing.ModelEvents;
import dev.fmnist.evaluation.testing.PredictionFlow;
import dev.fmnist.testing.HeadlessChromium;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The models view's Challengers panel in a real headless Chromium: a model put in shadow shows as WAITING, then fills
 * in live (no reload) from the evaluation stream once paired predictions are counted, with the figures the API serves.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(AutoPromotion.class)
class ChallengersPanelBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String READY = "document.body !== null && document.body.dataset.ready === 'yes'";
    /** The stand-in training-service answers every path with one object: the registry list is not a list. */
    private static final Pattern EXPECTED_FAILED_LOAD =
            Pattern.compile("Failed to load resource.*\"url\":\"[^\"]*/api/training/");

    @TestHTTPResource("/models")
    URL models;

    @Test
    void aShadowModelsCardFillsInLiveWithItsComparison() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium is not installed at " + HeadlessChromium.BINARY);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String champion = "panel-champ-" + suffix;
        String challenger = "panel-shadow-" + suffix;
        String spare = "panel-spare-" + suffix;
        Instant at = Instant.now();
        ModelEvents.send(
                ModelEvents.event(champion, "panel-champ", ModelStatus.PRODUCTION, ModelStatus.REGISTERED, 0.7, at),
                ModelEvents.event(challenger, "panel-shadow", ModelStatus.SHADOW, ModelStatus.REGISTERED, 0.9, at),
                ModelEvents.event(spare, "panel-spare", ModelStatus.REGISTERED, null, 0.8, at));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/models")
                        .then()
                        .body("find { it.modelId == '" + challenger + "' }.status", equalTo("SHADOW"))
                        .body("find { it.modelId == '" + spare + "' }.status", equalTo("REGISTERED")));

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.open(models.toString());
            chromium.await(READY, WAIT);
            String card = "document.querySelector('article.challenger[data-model-id=\"" + challenger + "\"]')";
            chromium.await(card + " !== null && " + card + ".dataset.verdict === 'WAITING'", WAIT);
            chromium.evaluate("window.notReloaded = true");
            JsonNode buttons = chromium.evaluate("""
                    (() => {
                      const row = (id) => document.querySelector('#registry tr[data-model-id="' + id + '"]');
                      const has = (id, css) => row(id) !== null && row(id).querySelector('button.' + css) !== null;
                      return {unshadow: has('%s', 'unshadow'), shadow: has('%s', 'shadow'),
                              championShadow: has('%s', 'shadow')};
                    })()""".formatted(challenger, spare, champion));
            assertThat(buttons.path("unshadow").asBoolean())
                    .as("Unshadow on the model in shadow")
                    .isTrue();
            assertThat(buttons.path("shadow").asBoolean())
                    .as("Shadow on a registered model")
                    .isTrue();
            assertThat(buttons.path("championShadow").asBoolean())
                    .as("no Shadow on production")
                    .isFalse();

            // the champion right on 6 images in 10, the challenger on all, for the same 300 labelled images
            List<Prediction> first = new ArrayList<>();
            List<Prediction> second = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String image = "panel-" + suffix + "-" + i;
                int t = i % 10;
                first.add(HandMadeSet.prediction(champion, image, t, (i / 10) % 10 < 6 ? t : (t + 3) % 10));
                second.add(HandMadeSet.prediction(challenger, image, t, t).withRole(Prediction.SHADOW));
            }
            PredictionFlow.sendPredictions(first);
            PredictionFlow.awaitEvaluation(champion, 300);
            Broker.sendJson(
                    Topics.PREDICTIONS_SHADOW,
                    second.stream()
                            .<Map.Entry<String, ?>>map(p -> Map.entry(p.id(), p))
                            .toList());
            Evaluation evaluation = PredictionFlow.awaitEvaluation(challenger, 300);
            assertThat(evaluation.comparison()).isNotNull();

            chromium.await(
                    card + ".dataset.verdict === 'BETTER' && " + card
                            + ".querySelector('.paired dd').textContent === '300'",
                    WAIT);
            JsonNode shown = chromium.evaluate("""
                    (() => {
                      const card = %s;
                      return {
                        reloaded: window.notReloaded !== true,
                        badge: card.querySelector('.badge').textContent,
                        challenger: card.querySelector('.challenger-accuracy dd').textContent,
                        champion: card.querySelector('.champion-accuracy dd').textContent,
                        discordant: card.querySelector('.discordant dd').textContent,
                        f1: Array.from(card.querySelectorAll('.f1-deltas td')).map((td) => td.textContent),
                        title: card.querySelector('h3').textContent,
                        actions: Array.from(card.querySelectorAll('.challenger-actions button')).map((b) => b.textContent)
                      };
                    })()""".formatted(card));
            assertThat(shown.path("reloaded").asBoolean())
                    .as("filled in without a reload")
                    .isFalse();
            assertThat(shown.path("badge").asText()).isEqualTo("BETTER");
            assertThat(shown.path("challenger").asText()).isEqualTo("100.00 %");
            assertThat(shown.path("champion").asText())
                    .isEqualTo(String.format(
                            Locale.ROOT,
                            "%.2f %%",
                            100 * evaluation.comparison().championAccuracy()));
            assertThat(shown.path("discordant").asText())
                    .isEqualTo(evaluation.comparison().championOnly() + " / "
                            + evaluation.comparison().challengerOnly());
            assertThat(shown.path("f1")).hasSize(10);
            assertThat(shown.path("title").asText()).contains("panel-shadow", "panel-champ", "production");
            assertThat(shown.path("actions").toString()).contains("Promote", "Unshadow");
            assertThat(chromium.errors().stream()
                            .filter(e -> !EXPECTED_FAILED_LOAD.matcher(e).find())
                            .toList())
                    .as("errors the page reported")
                    .isEmpty();
        }
    }
}
