package dev.fmnist.ml;

import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.ml.engine.PcaTreeModel;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.ImageFlatteningDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Checks a model bundle file before DL4J sees any of it, so that a forged or damaged file cannot make the JVM run
 * code of the file's choosing (Java deserialization) or hold unbounded memory (zip bombs).
 *
 * <ul>
 *   <li>The bundle may hold only {@value ModelBundle#METADATA_ENTRY} (JSON, read without polymorphic typing) and
 *       its engine's entries, each once: {@value ModelBundle#NETWORK_ENTRY} for a network ({@code engine}
 *       {@value ModelMetadata#DL4J_ENGINE} or none), {@value PcaTreeModel#PCA_ENTRY} and
 *       {@value PcaTreeModel#TREE_ENTRY} for a tree ({@value ModelMetadata#TREE_ENGINE}); a file whose metadata
 *       names one engine but holds the other's entries is refused. The network file may hold only the parts DL4J's
 *       {@code ModelSerializer} writes: {@code configuration.json}, {@code coefficients.bin},
 *       {@code updaterState.bin}, {@code noParams.marker} and {@code preprocessor.bin}. Any other entry, a directory or
 *       a duplicate refuses the file before its content is read.</li>
 *   <li>No entry may hold Java-serialized data (stream magic {@code AC ED}) except {@code preprocessor.bin}, which
 *       is read with an {@link ObjectInputFilter} allowing only {@link ImagePreProcessingScaler} and
 *       {@link ImageFlatteningDataSetPreProcessor} (primitive fields only) within small depth, reference and size
 *       limits: any other class is refused when its descriptor is read, before an instance exists.</li>
 *   <li>Every entry is counted while it is unpacked, against one budget for the whole file.</li>
 *   <li>DL4J then reads a network file rebuilt from the checked bytes of {@code configuration.json},
 *       {@code coefficients.bin} and {@code noParams.marker} only (the updater state and preprocessor are not needed
 *       for inference), so nothing unchecked, and nothing Java-serialized, ever reaches {@code ModelSerializer}.</li>
 * </ul>
 */
final class ModelFileReader {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String NO_PARAMS = "noParams.marker";
    static final String PREPROCESSOR = "preprocessor.bin";

    private static final Set<String> BUNDLE_ENTRIES = Set.of(
            ModelBundle.METADATA_ENTRY, ModelBundle.NETWORK_ENTRY, PcaTreeModel.PCA_ENTRY, PcaTreeModel.TREE_ENTRY);
    private static final Set<String> NETWORK_BUNDLE = Set.of(ModelBundle.METADATA_ENTRY, ModelBundle.NETWORK_ENTRY);
    private static final Set<String> TREE_BUNDLE =
            Set.of(ModelBundle.METADATA_ENTRY, PcaTreeModel.PCA_ENTRY, PcaTreeModel.TREE_ENTRY);
    private static final Set<String> NETWORK_ENTRIES =
            Set.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS, PREPROCESSOR);
    /** What DL4J reads back for inference, in this order. */
    private static final List<String> PASSED_TO_DL4J = List.of(CONFIGURATION, COEFFICIENTS, NO_PARAMS);
    /** The only classes a {@code preprocessor.bin} may hold. */
    private static final Set<String> ALLOWED_PREPROCESSORS =
            Set.of(ImagePreProcessingScaler.class.getName(), ImageFlatteningDataSetPreProcessor.class.getName());

    private static final ObjectInputFilter PREPROCESSOR_LIMITS =
            ObjectInputFilter.Config.createFilter("maxdepth=4;maxrefs=32;maxarray=64;maxbytes=16384");
    private static final int MAX_METADATA_BYTES = 1024 * 1024;

    private ModelFileReader() {}

    /**
     * The checked parts of a bundle file.
     *
     * @param metadata the bundle's metadata
     * @param network  a DL4J network file rebuilt from the checked parts DL4J needs (null for a tree)
     * @param pca      a tree's {@value PcaTreeModel#PCA_ENTRY} (null for a network)
     * @param tree     a tree's {@value PcaTreeModel#TREE_ENTRY} (null for a network)
     */
    record Checked(ModelMetadata metadata, byte[] network, byte[] pca, byte[] tree) {}

    /**
     * @param in               a bundle file (not closed)
     * @param maxUnpackedBytes most bytes the file may unpack to, all entries (nested ones too) together
     * @return its checked parts
     * @throws ModelFileRefusedException when it breaks one of the rules above
     * @throws IOException               when it is not a readable zip
     */
    static Checked read(InputStream in, long maxUnpackedBytes) throws IOException {
        Budget budget = new Budget(maxUnpackedBytes);
        Map<String, byte[]> bundle = entries(in, BUNDLE_ENTRIES, "the model bundle", budget);
        if (!bundle.containsKey(ModelBundle.METADATA_ENTRY)) {
            throw new IOException("not a model bundle: it needs the entry " + ModelBundle.METADATA_ENTRY);
        }
        byte[] metadataJson = bundle.get(ModelBundle.METADATA_ENTRY);
        if (metadataJson.length > MAX_METADATA_BYTES) {
            throw new ModelFileRefusedException(
                    ModelBundle.METADATA_ENTRY + " is larger than " + MAX_METADATA_BYTES + " bytes");
        }
        ModelMetadata metadata;
        try {
            metadata = JsonCodec.fromBytes(metadataJson, ModelMetadata.class);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a model bundle: " + e.getMessage(), e);
        }
        String engine = metadata.engineOrDefault();
        Set<String> expected =
                switch (engine) {
                    case ModelMetadata.DL4J_ENGINE -> NETWORK_BUNDLE;
                    case ModelMetadata.TREE_ENGINE -> TREE_BUNDLE;
                    default ->
                        throw new ModelFileRefusedException("the model names the unknown engine '" + printable(engine)
                                + "' (known: " + ModelMetadata.DL4J_ENGINE + ", " + ModelMetadata.TREE_ENGINE + ")");
                };
        for (String name : bundle.keySet()) {
            if (!expected.contains(name)) {
                throw new ModelFileRefusedException(
                        "a " + engine + " model may not hold the entry '" + name + "' (its entries: "
                                + String.join(", ", expected.stream().sorted().toList()) + ")");
            }
        }
        if (!bundle.keySet().containsAll(expected)) {
            throw new IOException("not a model bundle: a " + engine + " model needs the entries "
                    + String.join(", ", expected.stream().sorted().toList()));
        }
        if (engine.equals(ModelMetadata.TREE_ENGINE)) {
            return new Checked(metadata, null, bundle.get(PcaTreeModel.PCA_ENTRY), bundle.get(PcaTreeModel.TREE_ENTRY));
        }
        Map<String, byte[]> network = entries(
                new ByteArrayInputStream(bundle.get(ModelBundle.NETWORK_ENTRY)),
                NETWORK_ENTRIES,
                ModelBundle.NETWORK_ENTRY,
                budget);
        if (!network.containsKey(CONFIGURATION)) {
            throw new IOException("not a model bundle: " + ModelBundle.NETWORK_ENTRY + " has no " + CONFIGURATION);
        }
        if (!looksLikeJsonObject(network.get(CONFIGURATION))) {
            throw new ModelFileRefusedException(
                    CONFIGURATION + " in " + ModelBundle.NETWORK_ENTRY + " is not a JSON object");
        }
        if (network.containsKey(PREPROCESSOR)) {
            checkPreprocessor(network.get(PREPROCESSOR));
        }
        return new Checked(metadata, rebuild(network), null, null);
    }

    /**
     * Reads a zip's entries, refusing unknown names before reading their content and counting what it unpacks.
     */
    private static Map<String, byte[]> entries(InputStream in, Set<String> allowed, String what, Budget budget)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || !allowed.contains(name)) {
                    throw new ModelFileRefusedException(what + " holds the unexpected entry '" + printable(name)
                            + "' (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                if (entries.containsKey(name)) {
                    throw new ModelFileRefusedException(what + " holds the entry '" + name + "' twice");
                }
                byte[] content = budget.readEntry(zip, what + " / " + name);
                if (isJavaSerialized(content) && !PREPROCESSOR.equals(name)) {
                    throw new ModelFileRefusedException(what + " / " + name + " holds Java-serialized data; only "
                            + PREPROCESSOR + " may, and only of the classes " + ALLOWED_PREPROCESSORS);
                }
                entries.put(name, content);
            }
        } catch (ZipException e) {
            throw new IOException("not a model bundle: " + what + " is not a readable zip (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static void checkPreprocessor(byte[] serialized) throws IOException {
        AtomicReference<String> refused = new AtomicReference<>();
        ObjectInputFilter filter = info -> {
            Class<?> type = info.serialClass();
            if (type != null && !type.isPrimitive() && !ALLOWED_PREPROCESSORS.contains(type.getName())) {
                refused.compareAndSet(null, type.getName());
                return ObjectInputFilter.Status.REJECTED;
            }
            ObjectInputFilter.Status limits = PREPROCESSOR_LIMITS.checkInput(info);
            return limits == ObjectInputFilter.Status.REJECTED ? limits : ObjectInputFilter.Status.ALLOWED;
        };
        Object value;
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            objects.setObjectInputFilter(filter);
            value = objects.readObject();
            if (objects.read() != -1) {
                throw new ModelFileRefusedException(PREPROCESSOR + " holds more than one object");
            }
        } catch (InvalidClassException e) {
            throw new ModelFileRefusedException(
                    PREPROCESSOR + " is refused by the serialization filter: "
                            + (refused.get() != null ? "class " + refused.get() + " is not allowed" : e.getMessage())
                            + " (allowed: " + ALLOWED_PREPROCESSORS + ")",
                    e);
        } catch (ClassNotFoundException e) {
            throw new ModelFileRefusedException(PREPROCESSOR + " names an unknown class: " + e.getMessage(), e);
        }
        if (!(value instanceof DataSetPreProcessor)) {
            throw new ModelFileRefusedException(PREPROCESSOR + " does not hold a DataSetPreProcessor");
        }
    }

    private static byte[] rebuild(Map<String, byte[]> network) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : PASSED_TO_DL4J) {
                byte[] content = network.get(name);
                if (content != null) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(content);
                    zip.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static boolean isJavaSerialized(byte[] content) {
        return content.length >= 2 && (content[0] & 0xFF) == 0xAC && (content[1] & 0xFF) == 0xED;
    }

    private static boolean looksLikeJsonObject(byte[] content) {
        for (byte b : content) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Bytes left to unpack, for the whole file. */
    private static final class Budget {

        private final long limit;
        private long left;

        Budget(long limit) {
            this.limit = limit;
            this.left = limit;
        }

        byte[] readEntry(InputStream entry, String what) throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = entry.read(buffer); n >= 0; n = entry.read(buffer)) {
                left -= n;
                if (left < 0) {
                    throw new ModelFileRefusedException(
                            "the model file unpacks to more than " + limit + " bytes (while reading " + what + ")");
                }
                content.write(buffer, 0, n);
            }
            return content.toByteArray();
        }
    }
}
