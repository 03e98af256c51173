package dev.fmnist.ml.training;

import dev.fmnist.ml.Classifier;
import dev.fmnist.ml.Normalization;
import dev.fmnist.ml.architecture.Architecture;
import dev.fmnist.ml.architecture.Architectures;
import dev.fmnist.ml.architecture.HyperParameters;
import dev.fmnist.ml.architecture.InvalidHyperParameterException;
import dev.fmnist.ml.architecture.NetworkArchitecture;
import dev.fmnist.ml.architecture.PcaTree;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a training needs besides the data. Deterministic for a given seed (weight initialisation, shuffling,
 * validation split).
 *
 * @param architecture         architecture name (see {@link Architectures})
 * @param epochs               passes over the training split, &gt; 0
 * @param batchSize            images per step, &gt; 0
 * @param learningRate         initial learning rate, &gt; 0
 * @param seed                 random seed
 * @param parameters           the architecture's own hyper-parameters (see each {@link Architecture})
 * @param validationFraction   share of each class held out for validation, 0 (none) to 0.5
 * @param normalization        pixel transform
 * @param earlyStoppingPatience stop after this many epochs without a better validation accuracy and keep the best
 *                             epoch's weights; 0 = off
 * @param progressEveryBatches {@link TrainingListener#onBatch} every this many batches; 0 = never
 */
public record TrainingSpec(
        String architecture,
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        Map<String, Object> parameters,
        double validationFraction,
        Normalization normalization,
        int earlyStoppingPatience,
        int progressEveryBatches) {

    /** Default images per step. */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Default learning rate (suits Adam). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default validation share. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    /** Trainer keys that {@link #of} takes out of a job's parameter map. */
    public static final String VALIDATION_FRACTION = "validationFraction";
    /** {@code unit} (x/255, default) or {@code standard} ((x/255 - 0.2860) / 0.3530). */
    public static final String NORMALIZATION = "normalization";
    /** Early-stopping patience in epochs. */
    public static final String EARLY_STOPPING_PATIENCE = "earlyStoppingPatience";
    /**
     * Label smoothing ε, 0 (default) to 0.5, for any architecture: the cross-entropy targets become
     * {@code 1 - ε + ε/10} for the true class and {@code ε/10} for the others.
     */
    public static final String LABEL_SMOOTHING = "labelSmoothing";
    /** Augmentation for any image: largest random shift in pixels, 0 (default) to 8 (see {@link Augmentation}). */
    public static final String AUGMENT_SHIFT = "augmentShift";
    /** Augmentation for any image: mirror half of the images left-right, {@code false} by default. */
    public static final String AUGMENT_FLIP = "augmentFlip";

    public TrainingSpec {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        normalization = normalization == null ? Normalization.unitRange() : normalization;
    }

    /**
     * The simple path: defaults for everything but the architecture and the epochs.
     *
     * @param architecture architecture name
     * @param epochs       passes over the data
     * @return batch 128, seed 42, 10% validation, no early stopping, and the architecture's defaults (for most
     *         learning rate 1e-3 with Adam and x/255)
     */
    public static TrainingSpec defaults(String architecture, int epochs) {
        return of(architecture, epochs, null, null, null, Map.of(), 0);
    }

    /**
     * A spec from a job's fields: nulls take the defaults (the architecture's own where it has them, see
     * {@link Architecture#defaults()}, {@link Architecture#defaultEpochs()}, {@link Architecture#defaultLearningRate()});
     * the trainer keys {@value #VALIDATION_FRACTION}, {@value #NORMALIZATION} and {@value #EARLY_STOPPING_PATIENCE}
     * are taken out of {@code parameters}, the rest goes to the architecture (and to the trainer's options
     * {@value #LABEL_SMOOTHING}, {@value #AUGMENT_SHIFT}, {@value #AUGMENT_FLIP}, read by {@link #resolve}, and to
     * the model's {@value Classifier#TEST_TIME_FLIP}, kept with it for its {@link Classifier}).
     *
     * @throws InvalidHyperParameterException when a trainer key is invalid
     */
    public static TrainingSpec of(
            String architecture,
            Integer epochs,
            Integer batchSize,
            Double learningRate,
            Long seed,
            Map<String, Object> parameters,
            int progressEveryBatches) {
        Map<String, Object> rest = new HashMap<>(parameters == null ? Map.of() : parameters);
        java.util.Optional<Architecture> known = Architectures.find(architecture);
        Map<String, Object> defaults = known.map(Architecture::defaults).orElse(Map.of());
        HyperParameters trainer = new HyperParameters(extract(rest), defaults, 0, 0, 0, 0);
        double validation = trainer.getDouble(VALIDATION_FRACTION, DEFAULT_VALIDATION_FRACTION, 0.0, 0.5);
        String normalization = trainer.getChoice(NORMALIZATION, "unit", java.util.List.of("unit", "standard"));
        int patience = trainer.getInt(EARLY_STOPPING_PATIENCE, 0, 0, 1000);
        return new TrainingSpec(
                architecture,
                epochs != null ? epochs : known.map(Architecture::defaultEpochs).orElse(0),
                batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                learningRate != null
                        ? learningRate
                        : known.map(Architecture::defaultLearningRate).orElse(DEFAULT_LEARNING_RATE),
                seed == null ? DEFAULT_SEED : seed,
                rest,
                validation,
                normalization.equals("standard") ? Normalization.standardised() : Normalization.unitRange(),
                patience,
                progressEveryBatches);
    }

    private static Map<String, Object> extract(Map<String, Object> parameters) {
        Map<String, Object> trainer = new HashMap<>();
        for (String key : new String[] {VALIDATION_FRACTION, NORMALIZATION, EARLY_STOPPING_PATIENCE}) {
            if (parameters.containsKey(key)) {
                trainer.put(key, parameters.remove(key));
            }
        }
        return trainer;
    }

    /** @return a copy with other architecture parameters */
    public TrainingSpec withParameters(Map<String, Object> newParameters) {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                newParameters,
                validationFraction,
                normalization,
                earlyStoppingPatience,
                progressEveryBatches);
    }

    /** @return a copy with another seed */
    public TrainingSpec withSeed(long newSeed) {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                learningRate,
                newSeed,
                parameters,
                validationFraction,
                normalization,
                earlyStoppingPatience,
                progressEveryBatches);
    }

    /** @return a copy reporting every {@code batches} batches */
    public TrainingSpec withProgressEveryBatches(int batches) {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                parameters,
                validationFraction,
                normalization,
                earlyStoppingPatience,
                batches);
    }

    /** @return a copy with early stopping after {@code patience} epochs without improvement */
    public TrainingSpec withEarlyStopping(int patience) {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                learningRate,
                seed,
                parameters,
                validationFraction,
                normalization,
                patience,
                progressEveryBatches);
    }

    /**
     * Checks the whole spec without training: the architecture exists, the numbers are in range, every parameter
     * is known to the architecture and valid.
     *
     * @param trainCount images the training will see (for schedules), or 0 when unknown
     * @return the network configuration (or the tree's settings) and the effective hyper-parameters
     * @throws InvalidHyperParameterException with the reason
     */
    public Resolved resolve(int trainCount) {
        if (epochs <= 0) {
            throw new InvalidHyperParameterException("epochs must be a positive integer, was " + epochs);
        }
        if (batchSize <= 0 || batchSize > 65_536) {
            throw new InvalidHyperParameterException("batchSize must be 1..65536, was " + batchSize);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new InvalidHyperParameterException("learningRate must be in (0, 10], was " + learningRate);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new InvalidHyperParameterException("validationFraction must be 0..0.5, was " + validationFraction);
        }
        Architecture chosen = Architectures.get(architecture);
        int batchesPerEpoch = Math.max(1, (trainCount + batchSize - 1) / batchSize);
        HyperParameters hyper =
                new HyperParameters(parameters, chosen.defaults(), learningRate, seed, epochs, batchesPerEpoch);
        MultiLayerConfiguration configuration = null;
        PcaTree.Settings tree = null;
        try {
            if (chosen instanceof NetworkArchitecture network) {
                configuration = network.configure(hyper);
            } else if (chosen instanceof PcaTree pcaTree) {
                tree = pcaTree.configure(hyper);
            } else {
                throw new InvalidHyperParameterException("no engine trains the architecture " + chosen.name() + " ("
                        + chosen.getClass().getName() + " is neither a NetworkArchitecture nor the PcaTree)");
            }
        } catch (InvalidHyperParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidHyperParameterException(chosen.name() + " cannot be built: " + e.getMessage());
        }
        // the network trainer's options; a tree has no training targets to smooth nor epochs to augment
        double labelSmoothing = tree == null ? hyper.getDouble(LABEL_SMOOTHING, 0.0, 0.0, 0.5) : 0.0;
        Augmentation augmentation = tree == null
                ? new Augmentation(hyper.getInt(AUGMENT_SHIFT, 0, 0, 8), hyper.getBoolean(AUGMENT_FLIP, false))
                : new Augmentation(0, false);
        hyper.getBoolean(Classifier.TEST_TIME_FLIP, false); // kept with the model, applied by its Classifier
        if (!hyper.unknownKeys().isEmpty()) {
            throw new InvalidHyperParameterException("unknown parameter(s) " + hyper.unknownKeys() + " for "
                    + chosen.name() + "; it takes " + hyper.resolved().keySet() + " and the trainer takes ["
                    + VALIDATION_FRACTION + ", " + NORMALIZATION + ", " + EARLY_STOPPING_PATIENCE + "]");
        }
        Map<String, Object> effective = new LinkedHashMap<>();
        if (tree == null) {
            effective.put("epochs", epochs);
            effective.put("batchSize", batchSize);
            effective.put("learningRate", learningRate);
        } else {
            effective.put("epochs", 1); // one pass, whatever the job asked
        }
        effective.put("seed", seed);
        effective.put(VALIDATION_FRACTION, validationFraction);
        effective.put(
                NORMALIZATION,
                normalization.equals(Normalization.unitRange())
                        ? "unit"
                        : normalization.equals(Normalization.standardised()) ? "standard" : normalization.toString());
        if (tree == null) {
            effective.put(EARLY_STOPPING_PATIENCE, earlyStoppingPatience);
        }
        effective.putAll(hyper.resolved());
        return new Resolved(chosen, configuration, effective, labelSmoothing, augmentation, tree);
    }

    /**
     * A checked spec.
     *
     * @param architecture    the architecture
     * @param configuration   the network configuration (null for the tree)
     * @param hyperParameters every effective hyper-parameter, trainer's and architecture's
     * @param labelSmoothing  the {@value #LABEL_SMOOTHING} of the training targets
     * @param augmentation    what the trainer does to each training image every epoch
     * @param tree            the {@link PcaTree}'s settings (null for a network)
     */
    public record Resolved(
            Architecture architecture,
            MultiLayerConfiguration configuration,
            Map<String, Object> hyperParameters,
            double labelSmoothing,
            Augmentation augmentation,
            PcaTree.Settings tree) {

        /** A network's checked spec. */
        public Resolved(
                Architecture architecture,
                MultiLayerConfiguration configuration,
                Map<String, Object> hyperParameters,
                double labelSmoothing,
                Augmentation augmentation) {
            this(architecture, configuration, hyperParameters, labelSmoothing, augmentation, null);
        }

        /** @return the architecture's name in lower case */
        public String name() {
            return architecture.name().toLowerCase(Locale.ROOT);
        }
    }
}
