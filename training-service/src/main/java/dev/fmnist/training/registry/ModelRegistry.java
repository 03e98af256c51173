package dev.fmnist.training.registry;

import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.kit.Outages;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.training.config.TrainingConfig;
import dev.fmnist.training.persistence.Jdbc;
import dev.fmnist.training.persistence.ModelRepository;
import dev.fmnist.training.persistence.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry: registers trained versions (with the promotion gate), promotes and rolls back by hand. Every
 * status change and its {@link ModelEvent}s are written in one transaction: the events go to the outbox
 * ({@link OutboxRepository}), which the {@link ModelEventRelay} publishes to {@code fmnist.models} after the
 * commit. A change is therefore either stored and (sooner or later) published, or neither. One model is in
 * PRODUCTION at a time.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelRepository models;
    private final OutboxRepository outbox;
    private final ModelEventRelay relay;
    private final TrainingConfig config;
    private final PromotionGate gate;

    public ModelRegistry(
            ModelRepository models, OutboxRepository outbox, ModelEventRelay relay, TrainingConfig config) {
        this.models = models;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.gate = new PromotionGate(config.promotionMargin());
    }

    /**
     * Registers a trained model; it becomes PRODUCTION when the gate says so (the current production model is then
     * ARCHIVED).
     *
     * @param candidate the model and how it was made
     * @param testData  the test images its test metrics were measured on (the gate measures the production model on
     *                  the same ones), or null
     * <p>Idempotent per job: when the job's model is already registered (a retry after the commit's answer was
     * lost), that version is returned and nothing changes.
     *
     * @return the registered version
     * @throws IllegalStateException on a database error (the transaction is rolled back; the call may be repeated)
     */
    public ModelVersion register(Candidate candidate, TrainingData testData) {
        String sha256 = sha256(candidate.artifact());
        Optional<ModelVersion> before = models.find(currentProductionId().orElse(""));
        Double productionAccuracy = before.isPresent() && testData != null ? measure(before.get(), testData) : null;
        Double candidateAccuracy =
                candidate.test() == null ? null : candidate.test().accuracy();
        List<ModelEvent> published = new ArrayList<>();
        ModelVersion registered = Jdbc.inTransaction(models.dataSource(), c -> {
            Optional<ModelVersion> production = models.production(c);
            boolean sameProduction = production.map(ModelVersion::modelId).equals(before.map(ModelVersion::modelId));
            PromotionGate.Decision decision =
                    gate.decide(candidateAccuracy, production.isPresent(), sameProduction ? productionAccuracy : null);
            int version = models.nextVersion(c, candidate.name());
            Optional<ModelVersion> already = models.findByJob(c, candidate.jobId());
            if (already.isPresent()) {
                LOG.infof(
                        "job %s's model is already registered as %s",
                        candidate.jobId(), already.get().modelId());
                return already.get();
            }
            String modelId = candidate.name() + "-v" + version + "-" + sha256.substring(0, 8);
            ModelVersion model = new ModelVersion(
                    modelId,
                    candidate.name(),
                    version,
                    candidate.architecture(),
                    candidate.hyperParameters(),
                    candidate.datasetId(),
                    candidate.datasetHash(),
                    candidate.testSplitHash(),
                    candidate.jobId(),
                    candidate.validation(),
                    candidate.test(),
                    candidate.parameterCount(),
                    candidate.trainingSeconds(),
                    candidate.framework(),
                    candidate.backend(),
                    sha256,
                    candidate.artifact().length,
                    ModelStatus.REGISTERED,
                    Instant.now());
            String registeredReason =
                    "registered by job " + candidate.jobId() + (decision.promote() ? "" : "; " + decision.reason());
            models.insert(c, model, candidate.artifact(), registeredReason);
            published.add(event(model, null, registeredReason));
            if (decision.promote()) {
                // the old production version is archived first: at most one row may be PRODUCTION at any moment
                List<ModelEvent> archived = new ArrayList<>();
                production.ifPresent(old -> archive(c, old, "replaced by " + modelId, archived));
                model = model.withStatus(ModelStatus.PRODUCTION);
                models.setStatus(c, modelId, ModelStatus.PRODUCTION, ModelStatus.REGISTERED, decision.reason());
                published.add(event(model, ModelStatus.REGISTERED, decision.reason()));
                published.addAll(archived);
            }
            outbox.append(c, published);
            return model;
        });
        relay.wake();
        LOG.infof(
                "registered %s (%s, test accuracy %s) as %s",
                registered.modelId(), registered.architecture(), candidateAccuracy, registered.status());
        return registered;
    }

    /**
     * Puts a version into production by hand; the current production version is ARCHIVED.
     *
     * @return the promoted version
     * @throws java.util.NoSuchElementException when there is no such version
     */
    public ModelVersion promote(String modelId, String reason) {
        List<ModelEvent> published = new ArrayList<>();
        ModelVersion promoted = Jdbc.inTransaction(models.dataSource(), c -> {
            ModelVersion target = models.find(c, modelId)
                    .orElseThrow(() -> new java.util.NoSuchElementException("no model " + modelId));
            if (target.status() == ModelStatus.PRODUCTION) {
                return target;
            }
            Optional<ModelVersion> production = models.production(c);
            String why = reason == null || reason.isBlank() ? "manual promotion" : reason;
            production.ifPresent(old -> archive(c, old, "replaced by " + modelId + " (" + why + ")", published));
            models.setStatus(c, modelId, ModelStatus.PRODUCTION, target.status(), why);
            ModelVersion result = target.withStatus(ModelStatus.PRODUCTION);
            published.add(0, event(result, target.status(), why));
            outbox.append(c, published);
            return result;
        });
        relay.wake();
        return promoted;
    }

    /**
     * Archives the production version and brings back the one that was in production before it.
     *
     * @return the version now in production
     * @throws IllegalStateException when no earlier production version exists
     */
    public ModelVersion rollback() {
        List<ModelEvent> published = new ArrayList<>();
        ModelVersion restored = Jdbc.inTransaction(models.dataSource(), c -> {
            Optional<ModelVersion> production = models.production(c);
            ModelVersion previous = models.previousProduction(
                            c, production.map(ModelVersion::modelId).orElse(null))
                    .orElseThrow(() -> new IllegalStateException("no earlier production model to roll back to"));
            String why =
                    "rollback" + production.map(p -> " from " + p.modelId()).orElse("");
            production.ifPresent(old -> archive(c, old, "rolled back to " + previous.modelId(), published));
            models.setStatus(c, previous.modelId(), ModelStatus.PRODUCTION, previous.status(), why);
            ModelVersion result = previous.withStatus(ModelStatus.PRODUCTION);
            published.add(0, event(result, previous.status(), why));
            outbox.append(c, published);
            return result;
        });
        relay.wake();
        return restored;
    }

    /** @return where other services fetch a version's file */
    public String artifactUrl(String modelId) {
        String base = config.publicUrl().endsWith("/")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        return base + "/models/" + modelId + "/artifact";
    }

    private Optional<String> currentProductionId() {
        return models.list(ModelStatus.PRODUCTION).stream().findFirst().map(ModelVersion::modelId);
    }

    private Double measure(ModelVersion production, TrainingData testData) {
        try {
            byte[] artifact = models.artifact(production.modelId()).orElseThrow();
            ConfusionMatrix matrix = ModelEvaluator.evaluate(ModelBundle.fromBytes(artifact), testData);
            return matrix.accuracy();
        } catch (Exception e) {
            if (Outages.isOutage(e)) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            LOG.warnf(e, "could not measure production model %s on the new test split", production.modelId());
            return null;
        }
    }

    private void archive(java.sql.Connection c, ModelVersion old, String reason, List<ModelEvent> published) {
        try {
            models.setStatus(c, old.modelId(), ModelStatus.ARCHIVED, old.status(), reason);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
        published.add(event(old.withStatus(ModelStatus.ARCHIVED), old.status(), reason));
    }

    private ModelEvent event(ModelVersion model, ModelStatus previous, String reason) {
        return new ModelEvent(
                model.modelId(),
                model.name(),
                model.version(),
                model.architecture(),
                model.status(),
                previous,
                metrics(model),
                model.datasetId(),
                model.jobId(),
                model.artifactSha256(),
                artifactUrl(model.modelId()),
                reason,
                Instant.now());
    }

    /** @return the figures a model event carries */
    public static Map<String, Double> metrics(ModelVersion model) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (model.test() != null) {
            metrics.put("testAccuracy", model.test().accuracy());
            metrics.put("testMacroF1", model.test().macroF1());
            metrics.put("testCount", (double) model.test().count());
        }
        if (model.validation() != null) {
            metrics.put("validationAccuracy", model.validation().accuracy());
            metrics.put("validationMacroF1", model.validation().macroF1());
        }
        metrics.put("parameterCount", (double) model.parameterCount());
        metrics.put("trainingSeconds", model.trainingSeconds());
        return metrics;
    }

    /** @return the lower-case hex SHA-256 of {@code bytes} */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A trained model to register.
     *
     * @param name            registry name
     * @param architecture    architecture name
     * @param hyperParameters effective hyper-parameters
     * @param datasetId       dataset trained on
     * @param datasetHash     its content hash
     * @param testSplitHash   content hash of the test split measured
     * @param jobId           the job
     * @param validation      validation metrics
     * @param test            test metrics, or null
     * @param parameterCount  trainable parameters
     * @param trainingSeconds training wall time
     * @param framework       engine and version
     * @param backend         backend and device
     * @param artifact        the model file
     */
    public record Candidate(
            String name,
            String architecture,
            Map<String, Object> hyperParameters,
            String datasetId,
            String datasetHash,
            String testSplitHash,
            String jobId,
            MetricsSummary validation,
            MetricsSummary test,
            long parameterCount,
            double trainingSeconds,
            String framework,
            String backend,
            byte[] artifact) {}
}
