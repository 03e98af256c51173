package dev.fmnist.inference.model;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.ModelBundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes the holder serve what the registry records as production: downloads the file from the configured registry,
 * verifies it against the registry's own SHA-256, reads it as a {@link ModelBundle} (which refuses unknown and
 * Java-serialized entries before anything is deserialized), runs one warm-up forward pass, then swaps it in. The
 * previous model keeps serving until the new one is ready, and keeps serving when the new one fails to load.
 *
 * <p>Models in shadow ({@link #activateShadows}) are loaded the same way (same cache, same checks) into
 * {@link ShadowModels}; a model promoted from shadow to production is served from the copy already loaded.
 */
public final class ModelActivator {

    /**
     * What a shadow activation did.
     *
     * @param loaded  models loaded now and scored from now on
     * @param dropped ids of the models no longer scored
     * @param failed  models that should be scored but could not be loaded (the reason per model id)
     */
    public record ShadowChange(List<ServingModel> loaded, List<String> dropped, Map<String, String> failed) {

        /** @return whether anything changed or failed */
        public boolean isEmpty() {
            return loaded.isEmpty() && dropped.isEmpty() && failed.isEmpty();
        }
    }

    /** What an activation changed. */
    public enum Change {
        /** The production model was already serving. */
        UNCHANGED,
        /** Another model serves now. */
        SWAPPED,
        /** No model is production any more; nothing serves, input waits. */
        CLEARED
    }

    private final RegistryClient registry;
    private final ArtifactStore artifacts;
    private final ServingModelHolder holder;
    private final ShadowModels shadows;
    private final Clock clock;
    private final long maxUnpackedBytes;

    /**
     * @param registry         where model files are downloaded from
     * @param artifacts        the verifying download cache
     * @param holder           what serves
     * @param clock            stamps {@code loadedAt}
     * @param maxUnpackedBytes most bytes a model file may unpack to
     */
    public ModelActivator(
            RegistryClient registry,
            ArtifactStore artifacts,
            ServingModelHolder holder,
            Clock clock,
            long maxUnpackedBytes) {
        this(registry, artifacts, holder, new ShadowModels(), clock, maxUnpackedBytes);
    }

    /**
     * @param registry         where model files are downloaded from
     * @param artifacts        the verifying download cache
     * @param holder           what serves
     * @param shadows          what is scored in shadow
     * @param clock            stamps {@code loadedAt}
     * @param maxUnpackedBytes most bytes a model file may unpack to
     */
    public ModelActivator(
            RegistryClient registry,
            ArtifactStore artifacts,
            ServingModelHolder holder,
            ShadowModels shadows,
            Clock clock,
            long maxUnpackedBytes) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.holder = holder;
        this.shadows = shadows;
        this.clock = clock;
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /**
     * @param production the registry's record of the production model, or empty when it records none
     * @return what changed
     * @throws ArtifactException when the production model cannot be fetched, verified or loaded (nothing changed)
     */
    public synchronized Change activate(Optional<RegistryRecord> production) throws ArtifactException {
        Optional<ServingModel> current = holder.current();
        if (production.isEmpty()) {
            if (current.isEmpty()) {
                return Change.UNCHANGED;
            }
            holder.serve(null);
            return Change.CLEARED;
        }
        RegistryRecord record = production.get();
        if (current.isPresent() && current.get().isSameAs(record.modelId(), record.artifactSha256())) {
            return Change.UNCHANGED;
        }
        Optional<ServingModel> fromShadow = shadows.find(record.modelId(), record.artifactSha256());
        holder.serve(fromShadow.isPresent() ? promoted(fromShadow.get()) : load(record));
        return Change.SWAPPED;
    }

    /**
     * Makes {@link ShadowModels} hold exactly {@code wanted}: a model already loaded (same id and file) is kept, a new
     * one is loaded like production's, the others are dropped. A model that fails to load is reported and left out;
     * the others are unaffected.
     *
     * @param wanted  the models to score in shadow, at most as many as allowed, in the registry's order
     * @param mayLoad whether a model not loaded yet may be fetched now (false: it failed recently, wait for its retry)
     * @return what changed
     */
    public synchronized ShadowChange activateShadows(List<RegistryRecord> wanted, Predicate<RegistryRecord> mayLoad) {
        List<ServingModel> before = shadows.current();
        List<ServingModel> next = new ArrayList<>(wanted.size());
        List<ServingModel> loaded = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (RegistryRecord record : wanted) {
            Optional<ServingModel> kept = shadows.find(record.modelId(), record.artifactSha256());
            if (kept.isPresent()) {
                next.add(kept.get());
                continue;
            }
            if (!mayLoad.test(record)) {
                continue;
            }
            try {
                ServingModel model = load(record);
                next.add(model);
                loaded.add(model);
            } catch (ArtifactException e) {
                failed.put(record.modelId(), e.getMessage());
            }
        }
        List<String> dropped = new ArrayList<>();
        for (ServingModel model : before) {
            if (!next.contains(model)) {
                dropped.add(model.modelId());
            }
        }
        shadows.replace(next);
        return new ShadowChange(loaded, dropped, failed);
    }

    private ServingModel promoted(ServingModel shadow) {
        return new ServingModel(
                shadow.modelId(),
                shadow.name(),
                shadow.version(),
                shadow.architecture(),
                shadow.artifactSha256(),
                shadow.classifier(),
                clock.instant());
    }

    private ServingModel load(RegistryRecord record) throws ArtifactException {
        if (record.artifactSize() > artifacts.maxBytes()) {
            throw new ArtifactException("model " + record.modelId() + " has a file of " + record.artifactSize()
                    + " bytes, more than the limit of " + artifacts.maxBytes());
        }
        URI source;
        try {
            source = registry.artifactUri(record.modelId());
        } catch (IllegalArgumentException e) {
            throw new ArtifactException("model " + record.modelId() + ": " + e.getMessage(), e);
        }
        Path file = artifacts.fetch(source, record.artifactSha256());
        ModelBundle bundle;
        try (InputStream in = Files.newInputStream(file)) {
            bundle = ModelBundle.readFrom(in, maxUnpackedBytes);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(
                    "model " + record.modelId() + " is not a loadable model file: " + e.getMessage(), e);
        }
        Classifier classifier = bundle.classifier();
        try {
            double[][] warmUp = classifier.predictProbabilities(List.of(new byte[ImageGeometry.PIXELS]));
            if (warmUp.length != 1 || warmUp[0].length != 10) {
                throw new ArtifactException("model " + record.modelId() + " does not output ten class probabilities");
            }
        } catch (RuntimeException e) {
            throw new ArtifactException("model " + record.modelId() + " fails on a 28x28 image: " + e, e);
        }
        String architecture = record.architecture() != null
                ? record.architecture()
                : bundle.metadata().architecture();
        return new ServingModel(
                record.modelId(),
                record.name(),
                record.version(),
                architecture,
                record.artifactSha256().toLowerCase(Locale.ROOT),
                classifier,
                clock.instant());
    }
}
