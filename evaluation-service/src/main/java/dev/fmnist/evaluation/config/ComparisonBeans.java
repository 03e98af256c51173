package dev.fmnist.evaluation.config;

import dev.fmnist.evaluation.comparison.ComparisonRules;
import dev.fmnist.evaluation.comparison.Comparisons;
import dev.fmnist.evaluation.comparison.PairedPredictions;
import dev.fmnist.evaluation.comparison.VerdictSink;
import dev.fmnist.evaluation.promotion.AlertSink;
import dev.fmnist.evaluation.promotion.ChallengerVerdicts;
import dev.fmnist.evaluation.promotion.Promoter;
import dev.fmnist.evaluation.promotion.RegistryClient;
import dev.fmnist.evaluation.promotion.VerdictLog;
import dev.fmnist.evaluation.service.EvaluationBook;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.kit.OutageGate;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the comparison of models in shadow with production and what follows a verdict (alert, auto-promotion). The
 * ports' PostgreSQL adapters are wrapped in the outage gate: an outage waits instead of losing an Evaluation.
 */
public class ComparisonBeans {

    @Produces
    @Singleton
    ComparisonRules comparisonRules(EvaluationConfig config) {
        return new ComparisonRules(
                config.promotion().pValue(),
                config.promotion().minPaired(),
                config.promotion().minGain());
    }

    @Produces
    @Singleton
    VerdictSink verdictSink(EvaluationConfig config, VerdictLog log, AlertSink alerts, OutageGate gate, Clock clock) {
        VerdictLog gated = gated(log, gate);
        Promoter promoter = null;
        if (config.autoPromote()) {
            String location = config.promotion()
                    .signingKey()
                    .orElseThrow(() -> new IllegalStateException("fmnist.evaluation.auto-promote is true but "
                            + "fmnist.evaluation.promotion.signing-key names no private key to sign the promote call"));
            RegistryClient client = new RegistryClient(
                    config.upstream().trainingUrl(),
                    RegistryClient.readKey(location),
                    config.upstream().timeout());
            // its own thread: the promote calls and their backoff never hold up counting or publishing
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "auto-promotion");
                thread.setDaemon(true);
                return thread;
            });
            promoter = new Promoter(
                    client,
                    gated,
                    executor,
                    config.promotion().retryBackoff(),
                    config.promotion().retryMaxBackoff(),
                    config.promotion().maxAttempts());
            Log.infof(
                    "Auto-promotion is on: a BETTER shadow model is promoted through %s (key %s)",
                    config.upstream().trainingUrl(), location);
        }
        return new ChallengerVerdicts(gated, alerts, promoter, clock);
    }

    @Produces
    @Singleton
    Comparisons comparisons(
            ModelRegistry registry,
            PairedPredictions paired,
            ComparisonRules rules,
            VerdictSink verdicts,
            EvaluationBook book,
            OutageGate gate) {
        PairedPredictions gated = (champion, challenger) ->
                gate.call("pair the predictions of a shadow model", () -> paired.count(champion, challenger));
        return new Comparisons(registry, gated, rules, verdicts, book.latestAll());
    }

    private static VerdictLog gated(VerdictLog log, OutageGate gate) {
        return new VerdictLog() {
            @Override
            public boolean recordFirst(String challengerId, String championId, String verdict) {
                return gate.call(
                        "record a challenger verdict", () -> log.recordFirst(challengerId, championId, verdict));
            }

            @Override
            public boolean promotionSettled(String challengerId, String championId) {
                return gate.call("read an auto-promotion", () -> log.promotionSettled(challengerId, championId));
            }

            @Override
            public void settlePromotion(String challengerId, String championId, String outcome) {
                gate.run("record an auto-promotion", () -> log.settlePromotion(challengerId, championId, outcome));
            }
        };
    }
}
