package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.ImageGeometry;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import dev.fmnist.ml.Dl4jRuntime;
import dev.fmnist.ml.ModelMetadata;
import dev.fmnist.ml.architecture.PcaTree;
import dev.fmnist.ml.engine.PcaTreeModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The tree engine's trainer: PCA of the normalised training pixels (the covariance by one ND4J matrix product, its
 * eigen-decomposition by ND4J's LAPACK {@link Eigen}, components kept by decreasing eigenvalue until the chosen share
 * of the variance or count), then Tribuo's seeded CART tree on the projections; the tree is exported to
 * {@link PcaTreeModel}'s arrays. One "epoch": a single {@link TrainingListener#onEpoch} with the training log-loss of
 * the tree's leaf probabilities, train and validation accuracy.
 *
 * <p>ND4J's {@code dimensionalityreduction.PCA} class is not used as such: in 1.0.0-M2.1 its covariance is a loop of
 * per-row outer products (minutes on 54,000 images) and its {@code reducedBasis} weighs eigenvalues by
 * λ<sup>-1/2</sup>, which does not select a share of the variance.
 */
final class PcaTreeTrainer implements Trainer {

    /** The engine as the metadata names it. */
    static final String FRAMEWORK = "tribuo " + Tribuo.VERSION + " CART on nd4j PCA";

    @Override
    public Outcome train(
            TrainingSpec spec,
            TrainingSpec.Resolved resolved,
            TrainingData train,
            TrainingData validation,
            TrainingListener listener) {
        long started = System.nanoTime();
        PcaTree.Settings settings = resolved.tree();
        Dl4jRuntime.initialise();
        cancelPoint(listener, "before the PCA");
        double[] lookup = new double[256];
        for (int level = 0; level < 256; level++) {
            lookup[level] = spec.normalization().apply(level);
        }
        Pca pca = Pca.fit(train, lookup, settings);
        cancelPoint(listener, "after the PCA");

        double[][] features = pca.project(train, lookup);
        TreeModel<Label> tribuoTree = fitTree(features, train.labels(), settings);
        cancelPoint(listener, "after growing the tree");

        Exported tree = Exported.of(tribuoTree);
        ModelMetadata metadata = new ModelMetadata(
                resolved.name(),
                resolved.architecture().layout(),
                spec.normalization(),
                FashionLabels.NAMES,
                resolved.hyperParameters(),
                FRAMEWORK,
                "CPU (JVM)",
                PcaTreeModel.parameterCount(pca.basis.length, tree.component.length),
                ModelMetadata.TREE_ENGINE,
                null);
        PcaTreeModel model = new PcaTreeModel(
                metadata,
                pca.mean,
                pca.basis,
                tree.component,
                tree.threshold,
                tree.lessOrEqual,
                tree.greater,
                tree.leafProbabilities);

        double[][] trainProbabilities = model.predictProbabilities(train.images());
        double logLoss = 0;
        ConfusionMatrix trainMatrix = new ConfusionMatrix();
        for (int i = 0; i < train.size(); i++) {
            double p = trainProbabilities[i][train.labels()[i]];
            logLoss -= Math.log(Math.max(p, 1e-12));
            trainMatrix.add(train.labels()[i], dev.fmnist.ml.Classifier.argMax(trainProbabilities[i]));
        }
        Double validationAccuracy = validation.size() == 0
                ? null
                : ModelTrainer.confusion(model, validation).accuracy();
        double elapsed = (System.nanoTime() - started) / 1e9;
        TrainingUpdate update = new TrainingUpdate(
                1,
                1,
                null,
                1,
                logLoss / train.size(),
                trainMatrix.accuracy(),
                validationAccuracy,
                elapsed > 0 ? train.size() / elapsed : 0,
                elapsed,
                0);
        listener.onEpoch(update);
        return new Outcome(model, List.of(update), 1, false);
    }

    private static void cancelPoint(TrainingListener listener, String where) {
        if (listener.isCancelled()) {
            throw new TrainingCancelledException("cancelled " + where);
        }
    }

    /** @return Tribuo's CART tree on the projected features */
    static TreeModel<Label> fitTree(double[][] features, int[] labels, PcaTree.Settings settings) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance("fmnist PCA features", factory), factory);
        int k = features.length == 0 ? 0 : features[0].length;
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            names[c] = featureName(c);
        }
        for (int i = 0; i < features.length; i++) {
            dataset.add(new ArrayExample<>(new Label(Integer.toString(labels[i])), names, features[i]));
        }
        CARTClassificationTrainer trainer = new CARTClassificationTrainer(
                settings.maxDepth(),
                settings.minLeaf(),
                0.0f,
                1.0f,
                false,
                settings.criterion().equals("gini") ? new GiniIndex() : new Entropy(),
                settings.seed());
        return trainer.train(dataset);
    }

    /** Feature names sort like their indices, so Tribuo's feature ids are the component indices. */
    static String featureName(int component) {
        return String.format("pc%03d", component);
    }

    /** A fitted PCA: mean and components (rows), of normalised pixels. */
    record Pca(double[] mean, double[][] basis, double[] explained) {

        static Pca fit(TrainingData train, double[] lookup, PcaTree.Settings settings) {
            int n = train.size();
            int d = ImageGeometry.PIXELS;
            float[] values = new float[n * d];
            for (int i = 0; i < n; i++) {
                byte[] pixels = train.images().get(i);
                for (int p = 0; p < d; p++) {
                    values[i * d + p] = (float) lookup[pixels[p] & 0xFF];
                }
            }
            INDArray x = Nd4j.create(values, new long[] {n, d}, 'c');
            INDArray meanRow = x.mean(0).reshape(1, d);
            INDArray centred = x.subRowVector(meanRow);
            INDArray covariance =
                    centred.transpose().mmul(centred).castTo(DataType.DOUBLE).divi(Math.max(1, n - 1));
            double[][] cov = covariance.toDoubleMatrix();
            INDArray vectors = covariance.dup('c');
            INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
            double[] lambda = eigenvalues.toDoubleVector();
            double[][] v = vectors.toDoubleMatrix();
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(lambda[b], lambda[a]));
            // LAPACK leaves the vectors as columns; check against the covariance rather than trust the layout
            boolean columns = residual(cov, column(v, order[0]), lambda[order[0]])
                    <= residual(cov, v[order[0]], lambda[order[0]]);
            double total = 0;
            for (double l : lambda) {
                total += Math.max(0, l);
            }
            int keep;
            if (settings.components() != null) {
                keep = Math.min(settings.components(), d);
            } else {
                keep = 0;
                double kept = 0;
                while (keep < d && (keep == 0 || kept < settings.variance() * total)) {
                    kept += Math.max(0, lambda[order[keep]]);
                    keep++;
                }
            }
            double[][] basis = new double[keep][];
            double[] explained = new double[keep];
            for (int c = 0; c < keep; c++) {
                double[] axis = columns ? column(v, order[c]) : v[order[c]].clone();
                double norm = Math.sqrt(PcaTreeModel.project(axis, axis));
                // a fixed sign (largest entry positive), so that the same data gives the same file
                int largest = 0;
                for (int p = 1; p < d; p++) {
                    if (Math.abs(axis[p]) > Math.abs(axis[largest])) {
                        largest = p;
                    }
                }
                double sign = axis[largest] < 0 ? -1 : 1;
                for (int p = 0; p < d; p++) {
                    axis[p] = axis[p] * sign / (norm > 0 ? norm : 1);
                }
                basis[c] = axis;
                explained[c] = total > 0 ? Math.max(0, lambda[order[c]]) / total : 0;
            }
            double[] mean = meanRow.castTo(DataType.DOUBLE).toDoubleVector();
            return new Pca(mean, basis, explained);
        }

        /** @return each image's projections, computed exactly as {@link PcaTreeModel} does */
        double[][] project(TrainingData data, double[] lookup) {
            double[][] out = new double[data.size()][basis.length];
            double[] centred = new double[ImageGeometry.PIXELS];
            for (int i = 0; i < data.size(); i++) {
                byte[] pixels = data.images().get(i);
                for (int p = 0; p < ImageGeometry.PIXELS; p++) {
                    centred[p] = lookup[pixels[p] & 0xFF] - mean[p];
                }
                for (int c = 0; c < basis.length; c++) {
                    out[i][c] = PcaTreeModel.project(centred, basis[c]);
                }
            }
            return out;
        }

        private static double[] column(double[][] matrix, int j) {
            double[] out = new double[matrix.length];
            for (int i = 0; i < matrix.length; i++) {
                out[i] = matrix[i][j];
            }
            return out;
        }

        private static double residual(double[][] cov, double[] vector, double lambda) {
            double sum = 0;
            for (int i = 0; i < cov.length; i++) {
                double cv = 0;
                for (int j = 0; j < vector.length; j++) {
                    cv += cov[i][j] * vector[j];
                }
                double r = cv - lambda * vector[i];
                sum += r * r;
            }
            return sum;
        }
    }

    /** A Tribuo tree as arrays, nodes numbered breadth-first (children after their parent). */
    record Exported(
            int[] component, double[] threshold, int[] lessOrEqual, int[] greater, double[][] leafProbabilities) {

        static Exported of(TreeModel<Label> model) {
            ImmutableFeatureMap features = model.getFeatureIDMap();
            List<Node<Label>> nodes = new ArrayList<>();
            Deque<Node<Label>> queue = new ArrayDeque<>();
            queue.add(model.getRoot());
            while (!queue.isEmpty()) {
                Node<Label> node = queue.poll();
                nodes.add(node);
                if (node instanceof SplitNode<Label> split) {
                    queue.add(split.getLessThanOrEqual());
                    queue.add(split.getGreaterThan());
                }
            }
            int n = nodes.size();
            int[] component = new int[n];
            double[] threshold = new double[n];
            int[] lessOrEqual = new int[n];
            int[] greater = new int[n];
            double[][] leaves = new double[n][];
            int next = 1;
            for (int i = 0; i < n; i++) {
                Node<Label> node = nodes.get(i);
                if (node instanceof SplitNode<Label> split) {
                    String name = features.get(split.getFeatureID()).getName();
                    component[i] = Integer.parseInt(name.substring(2));
                    threshold[i] = split.splitValue();
                    lessOrEqual[i] = next++;
                    greater[i] = next++;
                } else {
                    component[i] = -1;
                    leaves[i] = probabilities(((LeafNode<Label>) node).getDistribution());
                }
            }
            return new Exported(component, threshold, lessOrEqual, greater, leaves);
        }

        private static double[] probabilities(Map<String, Label> distribution) {
            double[] p = new double[FashionLabels.COUNT];
            double sum = 0;
            for (Map.Entry<String, Label> entry : distribution.entrySet()) {
                double score = Math.max(0, entry.getValue().getScore());
                p[Integer.parseInt(entry.getKey())] = score;
                sum += score;
            }
            for (int c = 0; c < p.length; c++) {
                p[c] = sum > 0 ? p[c] / sum : 1.0 / p.length;
            }
            return p;
        }
    }
}
