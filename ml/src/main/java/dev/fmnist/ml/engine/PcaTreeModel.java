package dev.fmnist.ml.engine;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.ml.ModelFileRefusedException;
import dev.fmnist.ml.ModelMetadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PCA + CART tree engine's trained model, held as plain arrays (the tree is exported from Tribuo once trained,
 * so predicting needs neither Tribuo nor ND4J): a pixel is normalised, centred by the PCA mean and projected on the
 * components a split asks for; a split sends an image to {@code greater} when its component is above the threshold
 * (Tribuo's rule), else to {@code lessOrEqual}; a leaf holds the class shares of the training images that reached it.
 *
 * <p>Its file entries are the project's own binary format (big-endian, {@link DataOutputStream}), never Java
 * serialization:
 * <ul>
 *   <li>{@value #PCA_ENTRY}: int magic {@code FMPC}, int version 1, int dimensions (784), int components k,
 *       784 doubles of mean, then k × 784 doubles, component by component;</li>
 *   <li>{@value #TREE_ENTRY}: int magic {@code FMTR}, int version 1, int classes (10), int components k, int nodes n,
 *       then n nodes in order, node 0 the root: byte 0 = split (int component, double threshold, int lessOrEqual,
 *       int greater: both children after the node), byte 1 = leaf (10 doubles, the class probabilities).</li>
 * </ul>
 * Reading checks every count, index and probability, and that nothing follows the last node.
 */
public final class PcaTreeModel implements TrainedModel {

    /** Zip entry of the PCA mean and basis. */
    public static final String PCA_ENTRY = "pca.bin";
    /** Zip entry of the tree's nodes. */
    public static final String TREE_ENTRY = "tree.bin";
    /** Most nodes a tree file may hold. */
    public static final int MAX_NODES = 1 << 22;

    private static final int PCA_MAGIC = 0x464D5043; // "FMPC"
    private static final int TREE_MAGIC = 0x464D5452; // "FMTR"
    private static final int VERSION = 1;
    private static final int LEAF = -1;

    private final ModelMetadata metadata;
    private final double[] mean;
    private final double[][] basis;
    private final int[] component;
    private final double[] threshold;
    private final int[] lessOrEqual;
    private final int[] greater;
    private final double[][] leafProbabilities;

    /**
     * @param metadata          how to feed it
     * @param mean              784 means of the normalised training pixels
     * @param basis             k components of 784 numbers each
     * @param component         per node: the component a split tests, or -1 for a leaf
     * @param threshold         per split node: the threshold
     * @param lessOrEqual       per split node: the child for components at or below the threshold
     * @param greater           per split node: the child for components above it
     * @param leafProbabilities per leaf node: the 10 class probabilities (null for splits)
     */
    public PcaTreeModel(
            ModelMetadata metadata,
            double[] mean,
            double[][] basis,
            int[] component,
            double[] threshold,
            int[] lessOrEqual,
            int[] greater,
            double[][] leafProbabilities) {
        this.metadata = metadata;
        this.mean = mean;
        this.basis = basis;
        this.component = component;
        this.threshold = threshold;
        this.lessOrEqual = lessOrEqual;
        this.greater = greater;
        this.leafProbabilities = leafProbabilities;
        String problem = problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public PcaTreeModel withMetadata(ModelMetadata newMetadata) {
        return new PcaTreeModel(
                newMetadata, mean, basis, component, threshold, lessOrEqual, greater, leafProbabilities);
    }

    /** @return the number of principal components */
    public int components() {
        return basis.length;
    }

    /** @return the number of tree nodes, splits and leaves */
    public int nodes() {
        return component.length;
    }

    /** @return the number of leaves */
    public int leaves() {
        return (int) Arrays.stream(component).filter(c -> c == LEAF).count();
    }

    /** @return the deepest split's depth (a lone leaf: 0) */
    public int depth() {
        int[] depth = new int[component.length];
        int deepest = 0;
        for (int node = 0; node < component.length; node++) {
            if (component[node] != LEAF) {
                depth[lessOrEqual[node]] = depth[node] + 1;
                depth[greater[node]] = depth[node] + 1;
                deepest = Math.max(deepest, depth[node] + 1);
            }
        }
        return deepest;
    }

    /** @return what {@link ModelMetadata#parameterCount()} counts: mean, basis and one per node */
    public static long parameterCount(int components, int nodes) {
        return (long) (components + 1) * ImageGeometry.PIXELS + nodes;
    }

    @Override
    public double[][] predictProbabilities(List<byte[]> images) {
        double[] lookup = new double[256];
        for (int level = 0; level < 256; level++) {
            lookup[level] = metadata.normalization().apply(level);
        }
        double[][] out = new double[images.size()][];
        double[] centred = new double[ImageGeometry.PIXELS];
        for (int i = 0; i < images.size(); i++) {
            byte[] pixels = images.get(i);
            if (pixels.length != ImageGeometry.PIXELS) {
                throw new IllegalArgumentException("image " + i + " has " + pixels.length + " pixels, not 784");
            }
            for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                centred[p] = lookup[pixels[p] & 0xFF] - mean[p];
            }
            out[i] = leafOf(centred).clone();
        }
        return out;
    }

    /** @return the leaf probabilities for a centred, normalised image (components are projected when needed) */
    private double[] leafOf(double[] centred) {
        int node = 0;
        while (component[node] != LEAF) {
            double value = project(centred, basis[component[node]]);
            node = value > threshold[node] ? greater[node] : lessOrEqual[node];
        }
        return leafProbabilities[node];
    }

    /** @return the projection of {@code centred} on one component, as the trainer computes it */
    public static double project(double[] centred, double[] axis) {
        double sum = 0;
        for (int p = 0; p < centred.length; p++) {
            sum += centred[p] * axis[p];
        }
        return sum;
    }

    @Override
    public Map<String, byte[]> fileEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(PCA_ENTRY, writePca());
        entries.put(TREE_ENTRY, writeTree());
        return entries;
    }

    private byte[] writePca() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(PCA_MAGIC);
            out.writeInt(VERSION);
            out.writeInt(ImageGeometry.PIXELS);
            out.writeInt(basis.length);
            for (double m : mean) {
                out.writeDouble(m);
            }
            for (double[] axis : basis) {
                for (double v : axis) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private byte[] writeTree() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(TREE_MAGIC);
            out.writeInt(VERSION);
            out.writeInt(FashionLabels.COUNT);
            out.writeInt(basis.length);
            out.writeInt(component.length);
            for (int node = 0; node < component.length; node++) {
                if (component[node] == LEAF) {
                    out.writeByte(1);
                    for (double p : leafProbabilities[node]) {
                        out.writeDouble(p);
                    }
                } else {
                    out.writeByte(0);
                    out.writeInt(component[node]);
                    out.writeDouble(threshold[node]);
                    out.writeInt(lessOrEqual[node]);
                    out.writeInt(greater[node]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a tree model's entries, trusting nothing in them.
     *
     * @param metadata the bundle's metadata
     * @param pca      the {@value #PCA_ENTRY} bytes
     * @param tree     the {@value #TREE_ENTRY} bytes
     * @return the model
     * @throws ModelFileRefusedException when a count, index or number is out of place
     */
    public static PcaTreeModel read(ModelMetadata metadata, byte[] pca, byte[] tree) throws ModelFileRefusedException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(pca));
            expect(in.readInt() == PCA_MAGIC && in.readInt() == VERSION, PCA_ENTRY + " is not a version 1 PCA file");
            expect(in.readInt() == ImageGeometry.PIXELS, PCA_ENTRY + " is not over 784 pixels");
            int k = in.readInt();
            expect(k >= 1 && k <= ImageGeometry.PIXELS, PCA_ENTRY + " names " + k + " components, not 1..784");
            expect(
                    pca.length == 16L + 8L * ImageGeometry.PIXELS * (k + 1),
                    PCA_ENTRY + " is not exactly the size its " + k + " components take");
            double[] mean = doubles(in, ImageGeometry.PIXELS, PCA_ENTRY);
            double[][] basis = new double[k][];
            for (int c = 0; c < k; c++) {
                basis[c] = doubles(in, ImageGeometry.PIXELS, PCA_ENTRY);
            }

            in = new DataInputStream(new ByteArrayInputStream(tree));
            expect(in.readInt() == TREE_MAGIC && in.readInt() == VERSION, TREE_ENTRY + " is not a version 1 tree file");
            expect(in.readInt() == FashionLabels.COUNT, TREE_ENTRY + " is not over 10 classes");
            expect(in.readInt() == k, TREE_ENTRY + " is not over the " + k + " components of " + PCA_ENTRY);
            int n = in.readInt();
            expect(n >= 1 && n <= MAX_NODES, TREE_ENTRY + " names " + n + " nodes, not 1.." + MAX_NODES);
            expect(n <= tree.length / 21, TREE_ENTRY + " is too short for " + n + " nodes");
            int[] component = new int[n];
            double[] threshold = new double[n];
            int[] lessOrEqual = new int[n];
            int[] greater = new int[n];
            double[][] leaves = new double[n][];
            for (int node = 0; node < n; node++) {
                byte kind = in.readByte();
                if (kind == 1) {
                    component[node] = LEAF;
                    leaves[node] = doubles(in, FashionLabels.COUNT, TREE_ENTRY);
                } else {
                    expect(kind == 0, TREE_ENTRY + " node " + node + " is neither a split nor a leaf");
                    component[node] = in.readInt();
                    threshold[node] = in.readDouble();
                    lessOrEqual[node] = in.readInt();
                    greater[node] = in.readInt();
                }
            }
            expect(in.read() == -1, TREE_ENTRY + " holds bytes after its last node");
            PcaTreeModel model =
                    new PcaTreeModel(metadata, mean, basis, component, threshold, lessOrEqual, greater, leaves);
            return model;
        } catch (EOFException e) {
            throw new ModelFileRefusedException("the tree model's entries end early", e);
        } catch (IOException e) {
            throw new ModelFileRefusedException("the tree model's entries cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFileRefusedException("the tree model is not well formed: " + e.getMessage(), e);
        }
    }

    /** @return null when the arrays make a well-formed tree, else what is wrong */
    private String problem() {
        if (mean.length != ImageGeometry.PIXELS || basis.length == 0 || basis.length > ImageGeometry.PIXELS) {
            return "the PCA needs 784 means and 1..784 components";
        }
        for (double[] axis : basis) {
            if (axis.length != ImageGeometry.PIXELS || !allFinite(axis)) {
                return "a component is not 784 finite numbers";
            }
        }
        if (!allFinite(mean)) {
            return "the PCA mean is not finite";
        }
        int n = component.length;
        if (n == 0
                || threshold.length != n
                || lessOrEqual.length != n
                || greater.length != n
                || leafProbabilities.length != n) {
            return "the node arrays differ in length";
        }
        boolean[] reached = new boolean[n];
        reached[0] = true;
        for (int node = 0; node < n; node++) {
            if (!reached[node]) {
                return "node " + node + " is no node's child";
            }
            if (component[node] == LEAF) {
                double[] p = leafProbabilities[node];
                if (p == null || p.length != FashionLabels.COUNT) {
                    return "leaf " + node + " does not hold 10 probabilities";
                }
                double sum = 0;
                for (double v : p) {
                    if (!(v >= 0 && v <= 1)) {
                        return "leaf " + node + " holds a probability outside 0..1";
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1) > 1e-6) {
                    return "the probabilities of leaf " + node + " sum to " + sum;
                }
            } else {
                if (component[node] < 0 || component[node] >= basis.length) {
                    return "split " + node + " tests component " + component[node] + " of " + basis.length;
                }
                if (!Double.isFinite(threshold[node])) {
                    return "split " + node + " has no finite threshold";
                }
                for (int child : new int[] {lessOrEqual[node], greater[node]}) {
                    // children after their parent: every path ends
                    if (child <= node || child >= n || reached[child]) {
                        return "split " + node + " names the child " + child + " out of place";
                    }
                    reached[child] = true;
                }
            }
        }
        return null;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] doubles(DataInputStream in, int count, String entry) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void expect(boolean condition, String problem) throws ModelFileRefusedException {
        if (!condition) {
            throw new ModelFileRefusedException(problem);
        }
    }
}
