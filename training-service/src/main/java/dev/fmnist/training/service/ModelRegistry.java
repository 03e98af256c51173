package dev.fmnist.training.service;

import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.training.MetricsSummary;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.ModelVersion;
import dev.fmnist.contracts.api.training.Promotion;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.kit.Outages;
import dev.fmnist.ml.ModelBundle;
import dev.fmnist.ml.training.ModelEvaluator;
import dev.fmnist.ml.training.TrainingData;
import dev.fmnist.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
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
 * The model registry: registers trained versions (with the promotion gate), promotes and rolls back by hand, puts
 * versions in and out of SHADOW (challengers scored beside production). Every status change and its
 * {@link ModelEvent}s are written in one transaction ({@code @Transactional}): the events go to the {@link Outbox},
 * which the {@link ModelEventRelay} publishes to {@code fmnist.models} after the commit. A change is therefore either
 * stored and (sooner or later) published, or neither. One model is in PRODUCTION at a time, at most
 * {@code fmnist.training.registry.max-shadows} in SHADOW. Each event carries the model's {@code reference} profile.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelStore models;
    private final Outbox outbox;
    private final JobStore jobs;
    private final ModelEventRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final TrainingConfig config;
    private final PromotionGate gate;

    public ModelRegistry(
            ModelStore models,
            Outbox outbox,
            JobStore jobs,
            ModelEventRelay relay,
            TransactionSynchronizationRegistry transactions,
            TrainingConfig config) {
        this.models = models;
        this.outbox = outbox;
        this.jobs = jobs;
        this.relay = relay;
        this.transactions = transactions;
        this.config = config;
        this.gate = new PromotionGate(config.promotionMargin());
    }

    /**
     * Registers a trained model; it becomes PRODUCTION when the gate says so (the current production model is then
     * ARCHIVED). The gate's decision is also recorded on the job ({@link JobStore#promoted}).
     *
     * <p>Idempotent per job: when the job's model is already registered (a retry after the commit's answer was
     * lost), that version is returned and nothing changes.
     *
     * @param candidate the model and how it was made
     * @param testData  the test images its test metrics were measured on (the gate measures the production model on
     *                  the same ones), or null
     * @return the registered version
     * @throws StoreException on a database error (the transaction is rolled back; the call may be repeated)
     */
    public ModelVersion register(Candidate candidate, TrainingData testData) {
        Optional<ModelVersion> before =
                models.list(ModelStatus.PRODUCTION).stream().findFirst();
        Double productionAccuracy = before.isPresent() && testData != null ? measure(before.get(), testData) : null;
        ModelVersion registered =
                store(candidate, before.map(ModelVersion::modelId).orElse(null), productionAccuracy);
        LOG.infof(
                "registered %s (%s, test accuracy %s) as %s",
                registered.modelId(),
                registered.architecture(),
                candidate.test() == null ? null : candidate.test().accuracy(),
                registered.status());
        return registered;
    }

    /**
     * The transaction of {@link #register}, after the production model was measured (outside it). Called on this
     * bean, whose self-invocations Quarkus intercepts like any other call.
     *
     * @param measuredId         the production model measured, null when none
     * @param productionAccuracy its accuracy on the candidate's test images, null when unmeasured
     */
    @Transactional
    ModelVersion store(Candidate candidate, String measuredId, Double productionAccuracy) {
        String sha256 = sha256(candidate.artifact());
        Double candidateAccuracy =
                candidate.test() == null ? null : candidate.test().accuracy();
        Optional<ModelVersion> production = models.production();
        boolean sameProduction = production.map(ModelVersion::modelId).equals(Optional.ofNullable(measuredId));
        PromotionGate.Decision decision =
                gate.decide(candidateAccuracy, production.isPresent(), sameProduction ? productionAccuracy : null);
        int version = models.nextVersion(candidate.name());
        Optional<ModelVersion> already = models.findByJob(candidate.jobId());
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
                Instant.now(),
                candidate.reference());
        String registeredReason =
                "registered by job " + candidate.jobId() + (decision.promote() ? "" : "; " + decision.reason());
        models.insert(model, candidate.artifact(), registeredReason);
        List<ModelEvent> published = new ArrayList<>();
        published.add(event(model, null, registeredReason));
        if (decision.promote()) {
            // the old production version is archived first: at most one row may be PRODUCTION at any moment
            List<ModelEvent> archived = new ArrayList<>();
            production.ifPresent(old -> archive(old, "replaced by " + modelId, null, archived));
            model = model.withStatus(ModelStatus.PRODUCTION);
            models.setStatus(modelId, ModelStatus.PRODUCTION, ModelStatus.REGISTERED, decision.reason(), null);
            published.add(event(model, ModelStatus.REGISTERED, decision.reason()));
            published.addAll(archived);
        }
        jobs.promoted(candidate.jobId(), new Promotion(model.status(), decision.reason()));
        outbox.append(published);
        wakeRelayAfterCommit();
        return model;
    }

    /**
     * Puts a version into production by hand (from REGISTERED, SHADOW or ARCHIVED); the current production version is
     * ARCHIVED.
     *
     * @return the promoted version
     * @throws NotFoundException when there is no such version
     */
    public ModelVersion promote(String modelId, String reason) {
        return promote(modelId, reason, null);
    }

    /**
     * {@link #promote(String, String)} asked for by {@code principal}, who is kept in the status history.
     *
     * @param principal the operator's principal name, null when unknown
     */
    @Transactional
    public ModelVersion promote(String modelId, String reason, String principal) {
        ModelVersion target = models.lock(modelId).orElseThrow(() -> NotFoundException.model(modelId));
        if (target.status() == ModelStatus.PRODUCTION) {
            return target;
        }
        List<ModelEvent> published = new ArrayList<>();
        Optional<ModelVersion> production = models.production();
        String why = reason == null || reason.isBlank() ? "manual promotion" : reason;
        production.ifPresent(old -> archive(old, "replaced by " + modelId + " (" + why + ")", principal, published));
        models.setStatus(modelId, ModelStatus.PRODUCTION, target.status(), why, principal);
        ModelVersion result = target.withStatus(ModelStatus.PRODUCTION);
        published.add(0, event(result, target.status(), why));
        outbox.append(published);
        wakeRelayAfterCommit();
        return result;
    }

    /** {@link #rollback(String)} without a known principal. */
    public ModelVersion rollback() {
        return rollback(null);
    }

    /**
     * Archives the production version and brings back the one that was in production before it.
     *
     * @param principal who asked for it (kept in the status history), null when unknown
     * @return the version now in production
     * @throws ConflictException when no earlier production version exists
     */
    @Transactional
    public ModelVersion rollback(String principal) {
        Optional<ModelVersion> production = models.production();
        ModelVersion previous = models.previousProduction(
                        production.map(ModelVersion::modelId).orElse(null))
                .orElseThrow(() -> new ConflictException("no earlier production model to roll back to"));
        String why = "rollback" + production.map(p -> " from " + p.modelId()).orElse("");
        List<ModelEvent> published = new ArrayList<>();
        production.ifPresent(old -> archive(old, "rolled back to " + previous.modelId(), principal, published));
        models.setStatus(previous.modelId(), ModelStatus.PRODUCTION, previous.status(), why, principal);
        ModelVersion result = previous.withStatus(ModelStatus.PRODUCTION);
        published.add(0, event(result, previous.status(), why));
        outbox.append(published);
        wakeRelayAfterCommit();
        return result;
    }

    /**
     * Puts a REGISTERED or ARCHIVED version in SHADOW: inference-service then predicts every input with it too, on
     * {@code fmnist.predictions.shadow}, and evaluation-service compares it with the production model. A version
     * already in SHADOW is returned unchanged (no event).
     *
     * @param reason    why, kept in the history (a default when blank)
     * @param principal who asked for it, kept in the history
     * @return the version in shadow
     * @throws NotFoundException when there is no such version
     * @throws ConflictException when it is in production, or when {@code fmnist.training.registry.max-shadows} versions
     *                           are in shadow already
     */
    @Transactional
    public ModelVersion shadow(String modelId, String reason, String principal) {
        int shadows = models.lockShadows();
        ModelVersion target = models.lock(modelId).orElseThrow(() -> NotFoundException.model(modelId));
        if (target.status() == ModelStatus.SHADOW) {
            return target;
        }
        if (target.status() == ModelStatus.PRODUCTION) {
            throw new ConflictException("model " + modelId + " is in production: only a model that is not serving"
                    + " can be put in shadow beside it");
        }
        int limit = config.registry().maxShadows();
        if (shadows >= limit) {
            throw new ConflictException("model " + modelId + " cannot be put in shadow: " + shadows
                    + " models are in shadow already, the limit fmnist.training.registry.max-shadows is " + limit
                    + " (unshadow one first)");
        }
        String why = reason == null || reason.isBlank() ? "put in shadow" : reason;
        return change(target, ModelStatus.SHADOW, why, principal);
    }

    /**
     * Takes a version out of SHADOW: it is REGISTERED again.
     *
     * @param reason    why, kept in the history (a default when blank)
     * @param principal who asked for it, kept in the history
     * @return the version, now REGISTERED
     * @throws NotFoundException when there is no such version
     * @throws ConflictException when it is not in shadow
     */
    @Transactional
    public ModelVersion unshadow(String modelId, String reason, String principal) {
        ModelVersion target = models.lock(modelId).orElseThrow(() -> NotFoundException.model(modelId));
        if (target.status() != ModelStatus.SHADOW) {
            throw new ConflictException("model " + modelId + " is not in shadow (it is " + target.status() + ")");
        }
        String why = reason == null || reason.isBlank() ? "taken out of shadow" : reason;
        return change(target, ModelStatus.REGISTERED, why, principal);
    }

    /** One version's status change with its history entry and event, in the caller's transaction. */
    private ModelVersion change(ModelVersion target, ModelStatus status, String reason, String principal) {
        models.setStatus(target.modelId(), status, target.status(), reason, principal);
        ModelVersion result = target.withStatus(status);
        outbox.append(List.of(event(result, target.status(), reason)));
        wakeRelayAfterCommit();
        LOG.infof("model %s: %s -> %s (%s, by %s)", target.modelId(), target.status(), status, reason, principal);
        return result;
    }

    /** @return all versions, newest first, optionally only those in {@code status} (without their history) */
    public List<ModelEntry> list(ModelStatus status) {
        return models.list(status).stream()
                .map(m -> new ModelEntry(m, artifactUrl(m.modelId()), null))
                .toList();
    }

    /** @return one version with its status history */
    public ModelEntry entry(String modelId) {
        return entry(models.find(modelId).orElseThrow(() -> NotFoundException.model(modelId)));
    }

    /** @return {@code model} with its status history */
    public ModelEntry entry(ModelVersion model) {
        return new ModelEntry(model, artifactUrl(model.modelId()), models.history(model.modelId()));
    }

    /** @return a version's model file */
    public Artifact artifact(String modelId) {
        ModelVersion model = models.find(modelId).orElseThrow(() -> NotFoundException.model(modelId));
        byte[] bytes = models.artifact(modelId).orElseThrow(() -> NotFoundException.model(modelId));
        return new Artifact(model.artifactSha256(), bytes);
    }

    /** @return the version job {@code jobId} registered, if any */
    public Optional<ModelVersion> findByJob(String jobId) {
        return models.findByJob(jobId);
    }

    /** @return where other services fetch a version's file */
    public String artifactUrl(String modelId) {
        String base = config.publicUrl().endsWith("/")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        return base + "/models/" + modelId + "/artifact";
    }

    /** The relay looks at the outbox once the current transaction committed (not before: it would find nothing). */
    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
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

    private void archive(ModelVersion old, String reason, String principal, List<ModelEvent> published) {
        models.setStatus(old.modelId(), ModelStatus.ARCHIVED, old.status(), reason, principal);
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
                Instant.now(),
                model.reference());
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
     * A model file.
     *
     * @param sha256 its SHA-256, lower-case hex
     * @param bytes  the {@code ModelBundle} zip
     */
    public record Artifact(String sha256, byte[] bytes) {}

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
            byte[] artifact,
            InputProfile reference) {}
}
