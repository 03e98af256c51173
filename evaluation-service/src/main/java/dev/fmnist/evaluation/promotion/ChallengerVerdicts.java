package dev.fmnist.evaluation.promotion;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.evaluation.comparison.ChallengerStanding;
import dev.fmnist.evaluation.comparison.VerdictSink;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Acts on decided comparisons: the first BETTER or WORSE verdict of a (challenger, champion) pair raises a
 * {@code CHALLENGER_VERDICT} alert (once per pair, across restarts: {@link VerdictLog}); with auto-promotion on, a
 * BETTER one starts the challenger's promotion ({@link Promoter}, once per pair).
 */
public class ChallengerVerdicts implements VerdictSink {

    private final VerdictLog log;
    private final AlertSink alerts;
    private final Promoter promoter;
    private final Clock clock;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    /**
     * @param log      what was already alerted (durable)
     * @param alerts   where the alert goes
     * @param promoter the auto-promotion, null when {@code fmnist.evaluation.auto-promote} is false
     * @param clock    the alerts' timestamps
     */
    public ChallengerVerdicts(VerdictLog log, AlertSink alerts, Promoter promoter, Clock clock) {
        this.log = log;
        this.alerts = alerts;
        this.promoter = promoter;
        this.clock = clock;
    }

    @Override
    public void decided(ChallengerStanding decided, TimeWindow window) {
        Comparison c = decided.comparison();
        String key = decided.modelId() + "\n" + c.championId();
        if (!recorded.contains(key)) {
            if (log.recordFirst(decided.modelId(), c.championId(), c.verdict())) {
                alerts.publish(alert(decided, window, promoter != null && Comparison.BETTER.equals(c.verdict())));
            }
            recorded.add(key);
        }
        if (promoter != null && Comparison.BETTER.equals(c.verdict())) {
            promoter.promoteOnce(decided);
        }
    }

    private Alert alert(ChallengerStanding decided, TimeWindow window, boolean promoting) {
        Comparison c = decided.comparison();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("pairedImages", (double) c.pairedImages());
        figures.put("championOnly", (double) c.championOnly());
        figures.put("challengerOnly", (double) c.challengerOnly());
        figures.put("championAccuracy", c.championAccuracy());
        figures.put("challengerAccuracy", c.challengerAccuracy());
        figures.put("accuracyDelta", c.accuracyDelta());
        figures.put("deltaLow", c.deltaLow());
        figures.put("deltaHigh", c.deltaHigh());
        figures.put("mcnemarP", c.mcnemarP());
        figures.put("macroF1Delta", c.macroF1Delta());
        String reason = String.format(
                Locale.ROOT,
                "%s v%d is %s than production %s v%d on %d paired images: accuracy %.4f vs %.4f, delta %+.4f"
                        + " (%.0f%% interval %+.4f..%+.4f), McNemar p=%.3g%s",
                decided.modelId(),
                decided.modelVersion(),
                c.verdict(),
                c.championId(),
                c.championVersion() == null ? 0 : c.championVersion(),
                c.pairedImages(),
                c.challengerAccuracy(),
                c.championAccuracy(),
                c.accuracyDelta(),
                c.confidence() * 100,
                c.deltaLow(),
                c.deltaHigh(),
                c.mcnemarP(),
                promoting ? "; auto-promotion requested" : "");
        return new Alert(
                UUID.randomUUID().toString(),
                Alert.CHALLENGER_VERDICT,
                Alert.RAISED,
                decided.modelId(),
                decided.modelVersion(),
                reason,
                figures,
                window,
                clock.instant());
    }
}
