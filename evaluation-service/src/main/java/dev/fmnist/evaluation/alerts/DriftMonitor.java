package dev.fmnist.evaluation.alerts;

import dev.fmnist.contracts.Alert;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.InputProfile;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.TimeWindow;
import dev.fmnist.contracts.metrics.InputProfiler;
import dev.fmnist.evaluation.service.ModelRegistry;
import dev.fmnist.evaluation.service.PredictionObserver;
import dev.fmnist.evaluation.service.RegisteredModel;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code PREDICTION_DRIFT} and {@code INPUT_DRIFT} of the production model (the newest one in PRODUCTION), against the
 * training set's profile its registry events carry ({@code ModelEvent.reference}):
 *
 * <ul>
 *   <li>prediction drift: the class shares of the model's last {@code window} valid predictions (labelled or not,
 *       shadow ones excluded) against the reference's class shares, as a {@link Psi};
 *   <li>input drift: the last {@code window} input images, profiled by {@link InputProfiler} (mean grey level and
 *       background share, the same bins as the reference), against the reference: the PSI of each, the larger counts.
 * </ul>
 *
 * A window is checked only once full, and only when something new came in (or the production model changed) since
 * it was last checked. The PSI raises and clears through a {@link Hysteresis}. A production model without a reference
 * (registered before references existed) is not checked; that is logged once per model. Thread-safe.
 */
public final class DriftMonitor implements PredictionObserver {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class);

    private final ModelRegistry registry;
    private final AlertRaiser raiser;
    private final int window;
    private final Hysteresis levels;

    private final Map<String, LabelRing> predictions = new HashMap<>();
    private final byte[][] pixels;
    private final Instant[] seenAt;
    private int next;
    private int size;
    private long imagesSeen;
    private final Map<String, Long> checked = new HashMap<>();
    private final Set<String> withoutReference = ConcurrentHashMap.newKeySet();
    private volatile double inputPsi = Double.NaN;
    private volatile double predictionPsi = Double.NaN;

    /**
     * @param registry what the registry says of each model (which is in production, its reference)
     * @param raiser   where findings go
     * @param window   images and predictions per window, at least 1
     * @param levels   PSI levels that raise and clear
     */
    public DriftMonitor(ModelRegistry registry, AlertRaiser raiser, int window, Hysteresis levels) {
        if (window < 1) {
            throw new IllegalArgumentException("the drift window must hold at least 1, was " + window);
        }
        this.registry = registry;
        this.raiser = raiser;
        this.window = window;
        this.levels = levels;
        this.pixels = new byte[window][];
        this.seenAt = new Instant[window];
    }

    /** Adds each valid production prediction's class to its model's window (a shadow model's are not watched). */
    @Override
    public synchronized void observe(List<Prediction> valid) {
        for (Prediction prediction : valid) {
            if (Prediction.SHADOW.equals(prediction.role()) || !FashionLabels.isValid(prediction.label())) {
                continue;
            }
            predictions
                    .computeIfAbsent(prediction.modelId(), id -> new LabelRing(window))
                    .add(prediction.label(), prediction.timestamp());
        }
    }

    /**
     * Adds input images (labelled or not) to the input window.
     *
     * @param images each image's 784 grey levels, in consumption order
     * @param at     when they were read
     */
    public synchronized void images(List<byte[]> images, Instant at) {
        for (byte[] image : images) {
            pixels[next] = image;
            seenAt[next] = at;
            next = (next + 1) % window;
            size = Math.min(size + 1, window);
            imagesSeen++;
        }
    }

    /**
     * Checks the production model's windows and raises or clears its alerts.
     *
     * @return what was found (empty when nothing was due)
     */
    public List<Finding> check() {
        List<Finding> findings = assess();
        if (raiser != null) {
            findings.forEach(raiser::apply);
        }
        return findings;
    }

    /** @return the findings due now, without raising anything */
    public synchronized List<Finding> assess() {
        List<Finding> findings = new ArrayList<>();
        Optional<RegisteredModel> production = registry.all().stream()
                .filter(m -> m.status() == ModelStatus.PRODUCTION)
                .max(Comparator.comparing(RegisteredModel::statusChangedAt));
        forgetRetiredModels();
        if (production.isEmpty()) {
            return findings;
        }
        RegisteredModel model = production.get();
        InputProfile reference = model.reference();
        if (reference == null) {
            if (withoutReference.add(model.modelId())) {
                LOG.infof(
                        "Model %s is in production without a reference profile (registered before references"
                                + " existed): no drift check for it",
                        model.modelId());
            }
            return findings;
        }
        LabelRing ring = predictions.get(model.modelId());
        if (ring != null && ring.size() == window && due(Alert.PREDICTION_DRIFT, model, ring.seen())) {
            findings.add(predictionFinding(model, reference, ring));
        }
        if (size == window && due(Alert.INPUT_DRIFT, model, imagesSeen)) {
            findings.add(inputFinding(model, reference));
        }
        return findings;
    }

    /** @return the last input PSI computed (the larger of mean grey and background), NaN before any */
    public double inputPsi() {
        return inputPsi;
    }

    /** @return the last prediction PSI computed, NaN before any */
    public double predictionPsi() {
        return predictionPsi;
    }

    private boolean due(String type, RegisteredModel model, long seen) {
        Long last = checked.put(type + "/" + model.modelId(), seen);
        return last == null || last != seen;
    }

    private void forgetRetiredModels() {
        predictions
                .keySet()
                .removeIf(id -> registry.get(id)
                        .map(m -> m.status() != ModelStatus.PRODUCTION)
                        .orElse(false));
    }

    private Finding predictionFinding(RegisteredModel model, InputProfile reference, LabelRing ring) {
        InputProfiler profiler = new InputProfiler();
        ring.forEach(profiler::addLabel);
        double[] shares = profiler.profile().classShare();
        double psi = Psi.index(shares, reference.classShare());
        predictionPsi = psi;
        int moved = 0;
        for (int c = 0; c < shares.length; c++) {
            if (Math.abs(shares[c] - reference.classShare()[c])
                    > Math.abs(shares[moved] - reference.classShare()[moved])) {
                moved = c;
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("psi", psi);
        figures.put("predictions", (double) window);
        figures.put("movedClass", (double) moved);
        figures.put("windowShare", shares[moved]);
        figures.put("referenceShare", reference.classShare()[moved]);
        figures.put("raiseAbove", levels.raiseAbove());
        figures.put("clearBelow", levels.clearBelow());
        String reason = String.format(
                Locale.ROOT,
                "predicted classes of the last %d predictions vs the training set: PSI %.4f (raise above %s, clear"
                        + " below %s); most moved: %s %.3f vs %.3f",
                window,
                psi,
                levels.raiseAbove(),
                levels.clearBelow(),
                FashionLabels.name(moved),
                shares[moved],
                reference.classShare()[moved]);
        return new Finding(
                Alert.PREDICTION_DRIFT,
                model.modelId(),
                model.version(),
                levels.decide(psi),
                reason,
                figures,
                ring.span());
    }

    private Finding inputFinding(RegisteredModel model, InputProfile reference) {
        InputProfiler profiler = new InputProfiler();
        Instant start = null;
        Instant end = null;
        for (int i = 0; i < size; i++) {
            profiler.add(pixels[i], -1);
            start = start == null || seenAt[i].isBefore(start) ? seenAt[i] : start;
            end = end == null || seenAt[i].isAfter(end) ? seenAt[i] : end;
        }
        InputProfile profile = profiler.profile();
        double greyPsi = Psi.index(profile.meanGrey(), reference.meanGrey());
        double backgroundPsi = Psi.index(profile.background(), reference.background());
        double psi = Math.max(greyPsi, backgroundPsi);
        inputPsi = psi;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("psi", psi);
        figures.put("meanGreyPsi", greyPsi);
        figures.put("backgroundPsi", backgroundPsi);
        figures.put("images", (double) size);
        figures.put("windowMeanGrey", profile.meanGreyLevel());
        figures.put("referenceMeanGrey", reference.meanGreyLevel());
        figures.put("windowBackground", profile.backgroundMean());
        figures.put("referenceBackground", reference.backgroundMean());
        figures.put("raiseAbove", levels.raiseAbove());
        figures.put("clearBelow", levels.clearBelow());
        String reason = String.format(
                Locale.ROOT,
                "last %d input images vs the training set: mean grey PSI %.4f (%.1f vs %.1f), background PSI %.4f"
                        + " (%.3f vs %.3f); raise above %s, clear below %s",
                size,
                greyPsi,
                profile.meanGreyLevel(),
                reference.meanGreyLevel(),
                backgroundPsi,
                profile.backgroundMean(),
                reference.backgroundMean(),
                levels.raiseAbove(),
                levels.clearBelow());
        return new Finding(
                Alert.INPUT_DRIFT,
                model.modelId(),
                model.version(),
                levels.decide(psi),
                reason,
                figures,
                new TimeWindow(start, end));
    }

    /** The last predicted classes of one model, with their timestamps. */
    private static final class LabelRing {

        private final byte[] labels;
        private final Instant[] timestamps;
        private int next;
        private int size;
        private long seen;

        LabelRing(int capacity) {
            labels = new byte[capacity];
            timestamps = new Instant[capacity];
        }

        void add(int label, Instant timestamp) {
            labels[next] = (byte) label;
            timestamps[next] = timestamp;
            next = (next + 1) % labels.length;
            size = Math.min(size + 1, labels.length);
            seen++;
        }

        int size() {
            return size;
        }

        long seen() {
            return seen;
        }

        void forEach(java.util.function.IntConsumer action) {
            for (int i = 0; i < size; i++) {
                action.accept(labels[i]);
            }
        }

        TimeWindow span() {
            Instant start = null;
            Instant end = null;
            for (int i = 0; i < size; i++) {
                Instant t = timestamps[i];
                if (t != null) {
                    start = start == null || t.isBefore(start) ? t : start;
                    end = end == null || t.isAfter(end) ? t : end;
                }
            }
            return new TimeWindow(start, end);
        }
    }
}
