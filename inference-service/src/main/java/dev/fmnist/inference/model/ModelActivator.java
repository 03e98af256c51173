package dev.fmnist.inference.model;

import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.ModelEvent;
import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.ModelBundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Makes the holder serve what the registry says is production: fetches and verifies the artifact, loads it, runs
 * one warm-up forward pass, then swaps it in. The previous model keeps serving until the new one is ready, and
 * keeps serving when the new one fails to load.
 */
public final class ModelActivator {

    /** What an activation changed. */
    public enum Change {
        /** The production model was already serving. */
        UNCHANGED,
        /** Another model serves now. */
        SWAPPED,
        /** No model is production any more; nothing serves, input waits. */
        CLEARED
    }

    private final ArtifactStore artifacts;
    private final ServingModelHolder holder;
    private final Clock clock;

    public ModelActivator(ArtifactStore artifacts, ServingModelHolder holder, Clock clock) {
        this.artifacts = artifacts;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * @param production the event that made the current production model, or empty when there is none
     * @return what changed
     * @throws ArtifactException when the production model cannot be fetched, verified or loaded (nothing changed)
     */
    public Change activate(Optional<ModelEvent> production) throws ArtifactException {
        Optional<ServingModel> current = holder.current();
        if (production.isEmpty()) {
            if (current.isEmpty()) {
                return Change.UNCHANGED;
            }
            holder.serve(null);
            return Change.CLEARED;
        }
        ModelEvent event = production.get();
        if (current.isPresent() && current.get().isSameAs(event.modelId(), event.artifactSha256())) {
            return Change.UNCHANGED;
        }
        holder.serve(load(event));
        return Change.SWAPPED;
    }

    private ServingModel load(ModelEvent event) throws ArtifactException {
        Path file = artifacts.fetch(event.artifactUrl(), event.artifactSha256());
        ModelBundle bundle;
        try (InputStream in = Files.newInputStream(file)) {
            bundle = ModelBundle.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException("model " + event.modelId() + " is not a loadable model file: " + e, e);
        }
        Classifier classifier = bundle.classifier();
        try {
            double[][] warmUp = classifier.predictProbabilities(List.of(new byte[ImageGeometry.PIXELS]));
            if (warmUp.length != 1 || warmUp[0].length != 10) {
                throw new ArtifactException("model " + event.modelId() + " does not output ten class probabilities");
            }
        } catch (RuntimeException e) {
            throw new ArtifactException("model " + event.modelId() + " fails on a 28x28 image: " + e, e);
        }
        String architecture = event.architecture() != null ? event.architecture() : bundle.metadata().architecture();
        return new ServingModel(event.modelId(), event.name(), event.version(), architecture,
                event.artifactSha256().toLowerCase(java.util.Locale.ROOT), classifier, clock.instant());
    }
}
