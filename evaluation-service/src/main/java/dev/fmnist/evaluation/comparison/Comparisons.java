package dev.fmnist.evaluation.comparison;

import dev.fmnist.contracts.Comparison;
import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.evaluation.service.RegisteredModel;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares each model in shadow with the production model whenever the shadow's Evaluation is emitted: for a model
 * the registry says is {@code SHADOW}, {@link #attach} pairs its counted labelled predictions with the production
 * model's by image id ({@link PairedPredictions}), computes the {@link Comparison} and returns the Evaluation carrying
 * it; any other Evaluation is returned as it is. The latest comparison of each model is kept for
 * {@code GET /api/comparisons}, and every BETTER or WORSE one is handed to the {@link VerdictSink}.
 */
public class Comparisons {

    private static final Logger LOG = Logger.getLogger(Comparisons.class);

    private final ModelRegistry registry;
    private final PairedPredictions paired;
    private final ComparisonRules rules;
    private final VerdictSink verdicts;
    private final Map<String, ChallengerStanding> latest = new ConcurrentHashMap<>();

    /**
     * @param registry what the registry says of each model (statuses)
     * @param paired   the paired query
     * @param rules    when a comparison decides
     * @param verdicts told of every BETTER or WORSE comparison
     * @param restored the last stored Evaluation of each model: those carrying a comparison are the latest ones
     */
    public Comparisons(
            ModelRegistry registry,
            PairedPredictions paired,
            ComparisonRules rules,
            VerdictSink verdicts,
            List<Evaluation> restored) {
        this.registry = registry;
        this.paired = paired;
        this.rules = rules;
        this.verdicts = verdicts;
        for (Evaluation e : restored) {
            if (e.comparison() != null) {
                latest.put(e.modelId(), standing(e));
            }
        }
    }

    /**
     * @param evaluation an Evaluation about to be emitted
     * @return it with its comparison when its model is in shadow and a production model is known, else unchanged
     */
    public Evaluation attach(Evaluation evaluation) {
        Optional<RegisteredModel> challenger = registry.get(evaluation.modelId());
        if (challenger.isEmpty() || challenger.get().status() != ModelStatus.SHADOW) {
            return evaluation;
        }
        Optional<RegisteredModel> champion = champion();
        if (champion.isEmpty() || champion.get().modelId().equals(evaluation.modelId())) {
            return evaluation;
        }
        RegisteredModel production = champion.get();
        Comparison comparison;
        try {
            comparison = ChallengerComparison.of(
                    production.modelId(),
                    production.version(),
                    paired.count(production.modelId(), evaluation.modelId()),
                    rules);
        } catch (RuntimeException e) {
            // the Evaluation goes out without its comparison rather than not at all (outages wait in the port)
            LOG.errorf(e, "Could not compare %s with %s", evaluation.modelId(), production.modelId());
            return evaluation;
        }
        Evaluation compared = evaluation.withComparison(comparison);
        ChallengerStanding standing = standing(compared);
        latest.put(compared.modelId(), standing);
        if (Comparison.BETTER.equals(comparison.verdict()) || Comparison.WORSE.equals(comparison.verdict())) {
            verdicts.decided(standing, compared.window());
        }
        return compared;
    }

    /** @return the latest comparison of each model the registry says is in shadow now, by model id */
    public List<ChallengerStanding> standings() {
        return latest.values().stream()
                .filter(s -> registry.get(s.modelId())
                        .map(m -> m.status() == ModelStatus.SHADOW)
                        .orElse(false))
                .sorted(Comparator.comparing(ChallengerStanding::modelId))
                .toList();
    }

    /**
     * @param emitted the Evaluations just emitted
     * @return the models in shadow to emit again because the production model's counts changed among them (their
     *     paired images may have grown), else none
     */
    public List<String> toRefresh(List<Evaluation> emitted) {
        Optional<RegisteredModel> champion = champion();
        if (champion.isEmpty()
                || emitted.stream()
                        .noneMatch(e -> e.modelId().equals(champion.get().modelId()))) {
            return List.of();
        }
        return registry.all().stream()
                .filter(m -> m.status() == ModelStatus.SHADOW)
                .map(RegisteredModel::modelId)
                .toList();
    }

    /** @return the rules comparisons are decided by */
    public ComparisonRules rules() {
        return rules;
    }

    private Optional<RegisteredModel> champion() {
        // the newest PRODUCTION entry, should two be known for a moment (one's ARCHIVED event not read yet)
        return registry.all().stream()
                .filter(m -> m.status() == ModelStatus.PRODUCTION)
                .max(Comparator.comparing(RegisteredModel::statusChangedAt));
    }

    private static ChallengerStanding standing(Evaluation e) {
        return new ChallengerStanding(e.modelId(), e.modelVersion(), e.comparison(), e.timestamp());
    }
}
