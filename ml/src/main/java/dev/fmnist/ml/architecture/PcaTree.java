package dev.fmnist.ml.architecture;

import dev.fmnist.ml.InputLayout;

import java.util.List;
import java.util.Map;

/**
 * A CART decision tree (Tribuo) on principal components (ND4J's PCA) of the pixels, trained by the tree engine
 * ({@code dev.fmnist.ml.engine.PcaTreeModel}). Parameters:
 * <ul>
 *   <li>{@value #PCA_COMPONENTS}: keep this many components, 1..784 (default {@value #DEFAULT_COMPONENTS}); or</li>
 *   <li>{@value #PCA_VARIANCE}: keep the fewest components explaining this share of the training split's variance,
 *       (0, 1] (giving both is refused);</li>
 *   <li>{@value #CRITERION}: split impurity, {@code gini} or {@code entropy} (default {@value #DEFAULT_CRITERION});</li>
 *   <li>{@value #MAX_DEPTH}: deepest split, 1..64 (default {@value #DEFAULT_MAX_DEPTH});</li>
 *   <li>{@value #MIN_LEAF}: least (weight of) training images per leaf, 1..100,000 (default
 *       {@value #DEFAULT_MIN_LEAF}).</li>
 * </ul>
 * The job's seed seeds the tree trainer; {@code epochs}, {@code batchSize} and {@code learningRate} mean nothing
 * here (one pass; the model records {@code epochs} 1).
 */
public final class PcaTree implements Architecture {

    public static final String NAME = "pca-tree";
    public static final String PCA_VARIANCE = "pcaVariance";
    public static final String PCA_COMPONENTS = "pcaComponents";
    public static final String CRITERION = "criterion";
    public static final String MAX_DEPTH = "maxDepth";
    public static final String MIN_LEAF = "minLeaf";

    // the best of nine settings measured on the full data set (ml/README.md): 78.75% test accuracy
    static final int DEFAULT_COMPONENTS = 30;
    static final String DEFAULT_CRITERION = "entropy";
    static final int DEFAULT_MAX_DEPTH = 16;
    static final int DEFAULT_MIN_LEAF = 50;

    /**
     * The tree's checked settings.
     *
     * @param components number of principal components, or null to choose by {@code variance}
     * @param variance   share of the variance to keep, or null when {@code components} is given
     * @param criterion  {@code gini} or {@code entropy}
     * @param maxDepth   deepest split
     * @param minLeaf    least images per leaf
     * @param seed       seed of the tree trainer
     */
    public record Settings(
            Integer components, Double variance, String criterion, int maxDepth, int minLeaf, long seed) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "decision tree (CART, Tribuo) on PCA features: 784 -> PCA -> tree";
    }

    @Override
    public InputLayout layout() {
        return InputLayout.FLAT;
    }

    @Override
    public int defaultEpochs() {
        return 1;
    }

    @Override
    public Map<String, Object> defaults() {
        return Map.of();
    }

    /**
     * Reads the tree's parameters.
     *
     * @param p the job's hyper-parameters
     * @return the checked settings
     * @throws InvalidHyperParameterException when one is out of range, or both PCA sizes are given
     */
    public Settings configure(HyperParameters p) {
        if (p.isGiven(PCA_VARIANCE) && p.isGiven(PCA_COMPONENTS)) {
            throw new InvalidHyperParameterException(
                    "give either " + PCA_VARIANCE + " or " + PCA_COMPONENTS + " for " + NAME + ", not both");
        }
        Integer components = null;
        Double variance = null;
        if (p.isGiven(PCA_VARIANCE)) {
            variance = p.getDouble(PCA_VARIANCE, 1.0, Double.MIN_VALUE, 1.0);
        } else {
            components = p.getInt(PCA_COMPONENTS, DEFAULT_COMPONENTS, 1, 784);
        }
        String criterion = p.getChoice(CRITERION, DEFAULT_CRITERION, List.of("gini", "entropy"));
        int maxDepth = p.getInt(MAX_DEPTH, DEFAULT_MAX_DEPTH, 1, 64);
        int minLeaf = p.getInt(MIN_LEAF, DEFAULT_MIN_LEAF, 1, 100_000);
        return new Settings(components, variance, criterion, maxDepth, minLeaf, p.seed());
    }
}
