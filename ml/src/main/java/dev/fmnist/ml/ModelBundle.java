package dev.fmnist.ml;

import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ml.engine.NetworkModel;
import dev.fmnist.ml.engine.PcaTreeModel;
import dev.fmnist.ml.engine.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A trained model of any engine ({@link TrainedModel}) with its {@link ModelMetadata}, stored as one file: a zip
 * holding {@value #METADATA_ENTRY} (JSON) and the engine's entries: {@value #NETWORK_ENTRY} for a DL4J network
 * (the {@link ModelSerializer} file, without updater state), {@value PcaTreeModel#PCA_ENTRY} and
 * {@value PcaTreeModel#TREE_ENTRY} for the PCA + CART tree ({@link PcaTreeModel}). Reading one trusts nothing in it:
 * see {@link #readFrom(InputStream, long)}.
 */
public final class ModelBundle {

    /** Zip entry of the metadata JSON. */
    public static final String METADATA_ENTRY = "fmnist-model.json";
    /** Zip entry of the DL4J model file. */
    public static final String NETWORK_ENTRY = NetworkModel.NETWORK_ENTRY;
    /** Default limit of what a bundle file may unpack to (512 MiB), all its entries together. */
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

    private final TrainedModel model;

    /**
     * A DL4J network's bundle.
     *
     * @param network  a {@link MultiLayerNetwork} or single-input, single-output {@link ComputationGraph}
     * @param metadata how to feed it
     */
    public ModelBundle(Model network, ModelMetadata metadata) {
        this(new NetworkModel(network, metadata));
    }

    /** @param model a trained model of any engine */
    public ModelBundle(TrainedModel model) {
        this.model = model;
    }

    /**
     * @return the DL4J network
     * @throws IllegalStateException when the model is not a network (see {@link #model()})
     */
    public Model network() {
        if (model instanceof NetworkModel network) {
            return network.network();
        }
        throw new IllegalStateException("a " + model.metadata().engineOrDefault() + " model is not a DL4J network");
    }

    /** @return the trained model, whatever its engine */
    public TrainedModel model() {
        return model;
    }

    public ModelMetadata metadata() {
        return model.metadata();
    }

    /** @return the same model with {@code provenance} in its metadata */
    public ModelBundle withProvenance(ModelProvenance provenance) {
        return new ModelBundle(model.withMetadata(model.metadata().withProvenance(provenance)));
    }

    /** @return a classifier over this bundle's model */
    public Classifier classifier() {
        return new Classifier(model);
    }

    /** Writes the bundle to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
        zip.write(JsonCodec.toBytes(model.metadata()));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> entry : model.fileEntries().entrySet()) {
            zip.putNextEntry(new ZipEntry(entry.getKey()));
            zip.write(entry.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    /** @return the bundle file's bytes */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a bundle with the {@linkplain #DEFAULT_MAX_UNPACKED_BYTES default unpacking limit}.
     *
     * @param in a bundle file (not closed)
     * @return the bundle
     * @throws ModelFileRefusedException when the file holds anything but a bundle's known parts (see
     *                                   {@link #readFrom(InputStream, long)})
     * @throws IOException               when it is not a bundle written by {@link #writeTo(OutputStream)}
     */
    public static ModelBundle readFrom(InputStream in) throws IOException {
        return readFrom(in, DEFAULT_MAX_UNPACKED_BYTES);
    }

    /**
     * Reads a bundle without trusting it: the zip's entries are checked before anything is deserialized. Only the
     * metadata and its engine's entries (a tree's are read by {@link PcaTreeModel#read}, which checks every count,
     * index and number), and the parts DL4J's {@link ModelSerializer} writes are accepted, each once; no entry
     * may hold Java-serialized data except DL4J's {@code preprocessor.bin}, which is read with a serialization
     * filter allowing only DL4J's pixel scalers (any other class is refused before an instance of it exists);
     * everything unpacked counts against {@code maxUnpackedBytes}. DL4J then reads only the checked configuration
     * JSON and coefficients.
     *
     * @param in               a bundle file (not closed)
     * @param maxUnpackedBytes most bytes all its entries (nested ones too) may unpack to
     * @return the bundle
     * @throws ModelFileRefusedException when the file breaks one of those rules
     * @throws IOException               when it is not a bundle written by {@link #writeTo(OutputStream)}
     */
    public static ModelBundle readFrom(InputStream in, long maxUnpackedBytes) throws IOException {
        ModelFileReader.Checked checked = ModelFileReader.read(in, maxUnpackedBytes);
        if (checked.network() == null) {
            return new ModelBundle(PcaTreeModel.read(checked.metadata(), checked.pca(), checked.tree()));
        }
        return new ModelBundle(restoreNetwork(checked.network()), checked.metadata());
    }

    private static Model restoreNetwork(byte[] model) throws IOException {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), false);
        } catch (RuntimeException | IOException notMultiLayer) {
            try {
                return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model), false);
            } catch (RuntimeException | IOException notGraph) {
                notGraph.addSuppressed(notMultiLayer);
                throw new IOException(
                        "the model file is neither a DL4J MultiLayerNetwork nor a ComputationGraph", notGraph);
            }
        }
    }

    /** @see #readFrom(InputStream) */
    public static ModelBundle fromBytes(byte[] bytes) throws IOException {
        return readFrom(new ByteArrayInputStream(bytes));
    }
}
