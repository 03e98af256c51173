package dev.fmnist.evaluation.promotion;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.evaluation.comparison.ChallengerStanding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What follows a decided comparison: one alert per pair, one promotion per pair, retried on failures only. */
class PromotionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TimeWindow WINDOW = new TimeWindow(NOW.minusSeconds(60), NOW);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final MemoryLog log = new MemoryLog();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ScriptedRegistry registry = new ScriptedRegistry();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void theFirstBetterVerdictRaisesOneAlertAndOnePromotionWithItsEvidence() {
        registry.answers.add(new ModelRegistryApi.Answer(200, "{}"));
        ChallengerVerdicts verdicts = verdicts(true);

        verdicts.decided(standing("shadow-1", "champ", Comparison.BETTER), WINDOW);
        verdicts.decided(standing("shadow-1", "champ", Comparison.BETTER), WINDOW);
        verdicts.decided(standing("shadow-1", "champ", Comparison.BETTER), WINDOW);

        await().atMost(Duration.ofSeconds(5)).until(() -> "promoted".equals(log.promotions.get("shadow-1/champ")));
        await().during(Duration.ofMillis(300)).until(() -> registry.calls.size() == 1);
        assertThat(registry.calls).singleElement().satisfies(call -> {
            assertThat(call[0]).isEqualTo("shadow-1");
            assertThat(call[1]).contains("p=", "paired images", "champ v2", "+0.0300");
        });
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(Alert.CHALLENGER_VERDICT);
            assertThat(a.state()).isEqualTo(Alert.RAISED);
            assertThat(a.modelId()).isEqualTo("shadow-1");
            assertThat(a.modelVersion()).isEqualTo(3);
            assertThat(a.reason()).contains("BETTER", "champ", "auto-promotion requested");
            assertThat(a.figures()).containsEntry("pairedImages", 5000.0).containsEntry("accuracyDelta", 0.03);
            assertThat(a.window()).isEqualTo(WINDOW);
            assertThat(a.timestamp()).isEqualTo(NOW);
        });
    }

    @Test
    void aVerdictAlreadyRecordedBeforeARestartRaisesNoAlertAndAWorseOneNoPromotion() {
        log.verdicts.put("shadow-2/champ", Comparison.WORSE);
        ChallengerVerdicts verdicts = verdicts(true);
        verdicts.decided(standing("shadow-2", "champ", Comparison.WORSE), WINDOW);
        verdicts.decided(standing("shadow-3", "champ", Comparison.WORSE), WINDOW);

        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.modelId()).isEqualTo("shadow-3"));
        assertThat(alerts.get(0).reason()).contains("WORSE").doesNotContain("auto-promotion");
        assertThat(registry.calls).isEmpty();
    }

    @Test
    void withAutoPromotionOffABetterVerdictOnlyAlerts() {
        ChallengerVerdicts verdicts = new ChallengerVerdicts(log, alerts::add, null, CLOCK);
        verdicts.decided(standing("shadow-4", "champ", Comparison.BETTER), WINDOW);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).reason()).doesNotContain("auto-promotion");
        assertThat(registry.calls).isEmpty();
    }

    @Test
    void unansweredAnd5xxCallsAreRetriedAndARefusalIsFinal() {
        registry.answers.add(ScriptedRegistry.NO_ANSWER);
        registry.answers.add(new ModelRegistryApi.Answer(503, "busy"));
        registry.answers.add(new ModelRegistryApi.Answer(200, "{}"));
        Promoter promoter = promoter();
        promoter.promoteOnce(standing("shadow-5", "champ", Comparison.BETTER));
        await().atMost(Duration.ofSeconds(5)).until(() -> "promoted".equals(log.promotions.get("shadow-5/champ")));
        assertThat(registry.calls).hasSize(3);

        registry.calls.clear();
        registry.answers.add(new ModelRegistryApi.Answer(409, "{\"reason\":\"not in shadow\"}"));
        promoter.promoteOnce(standing("shadow-6", "champ", Comparison.BETTER));
        await().atMost(Duration.ofSeconds(5)).until(() -> log.promotions.containsKey("shadow-6/champ"));
        assertThat(log.promotions.get("shadow-6/champ")).startsWith("refused: 409");
        promoter.promoteOnce(standing("shadow-6", "champ", Comparison.BETTER));
        await().during(Duration.ofMillis(300)).until(() -> registry.calls.size() == 1);
    }

    @Test
    void aPromotionSettledBeforeARestartIsNotMadeAgain() {
        log.promotions.put("shadow-7/champ", "promoted");
        promoter().promoteOnce(standing("shadow-7", "champ", Comparison.BETTER));
        await().during(Duration.ofMillis(300)).until(() -> registry.calls.isEmpty());
    }

    private ChallengerVerdicts verdicts(boolean autoPromote) {
        return new ChallengerVerdicts(log, alerts::add, autoPromote ? promoter() : null, CLOCK);
    }

    private Promoter promoter() {
        return new Promoter(registry, log, executor, Duration.ofMillis(10), Duration.ofMillis(40), 5);
    }

    private static ChallengerStanding standing(String challenger, String champion, String verdict) {
        double delta = Comparison.WORSE.equals(verdict) ? -0.03 : 0.03;
        double[] f1 = new double[10];
        Comparison c = new Comparison(
                champion,
                2,
                5000,
                4000,
                300,
                450,
                250,
                0.86,
                0.89,
                delta,
                delta - 0.01,
                delta + 0.01,
                0.95,
                1e-8,
                f1,
                0.02,
                verdict);
        return new ChallengerStanding(challenger, 3, c, NOW);
    }

    /** Registry answers in order ({@link #NO_ANSWER}: no answer at all), then 200. */
    private static final class ScriptedRegistry implements ModelRegistryApi {
        static final Answer NO_ANSWER = new Answer(-1, "");
        final Deque<Answer> answers = new ArrayDeque<>();
        final List<String[]> calls = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Answer promote(String modelId, String reason) throws IOException {
            calls.add(new String[] {modelId, reason});
            if (answers.isEmpty()) {
                return new Answer(200, "{}");
            }
            Answer next = answers.poll();
            if (next == NO_ANSWER) {
                throw new IOException("connection refused");
            }
            return next;
        }
    }

    private static final class MemoryLog implements VerdictLog {
        final Map<String, String> verdicts = new ConcurrentHashMap<>();
        final Map<String, String> promotions = new ConcurrentHashMap<>();

        @Override
        public boolean recordFirst(String challengerId, String championId, String verdict) {
            return verdicts.putIfAbsent(challengerId + "/" + championId, verdict) == null;
        }

        @Override
        public boolean promotionSettled(String challengerId, String championId) {
            return promotions.containsKey(challengerId + "/" + championId);
        }

        @Override
        public void settlePromotion(String challengerId, String championId, String outcome) {
            promotions.put(challengerId + "/" + championId, outcome);
        }
    }
}
