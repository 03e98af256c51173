package dev.fmnist.ml.architecture;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The known architectures by name: the built-in ones plus any {@link Architecture} found by {@link ServiceLoader}
 * on the classpath (a later one with the same name wins).
 */
public final class Architectures {

    private static final Map<String, Architecture> KNOWN = discover();

    private Architectures() {}

    /** @return the architecture called {@code name} (case-insensitive), if any */
    public static Optional<Architecture> find(String name) {
        return name == null
                ? Optional.empty()
                : Optional.ofNullable(KNOWN.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * @return the architecture called {@code name}
     * @throws InvalidHyperParameterException naming the known ones when there is none
     */
    public static Architecture get(String name) {
        return find(name)
                .orElseThrow(() -> new InvalidHyperParameterException(
                        "unknown architecture '" + name + "', known: " + KNOWN.keySet()));
    }

    /** @return all architectures, sorted by name */
    public static Map<String, Architecture> all() {
        return KNOWN;
    }

    private static Map<String, Architecture> discover() {
        Map<String, Architecture> known = new TreeMap<>();
        for (Architecture builtIn : new Architecture[] {
            new SoftmaxRegression(), new MultiLayerPerceptron(), new LeNet5(), new ConvNet(), new PcaTree()
        }) {
            known.put(builtIn.name(), builtIn);
        }
        for (Architecture found : ServiceLoader.load(Architecture.class, Architectures.class.getClassLoader())) {
            known.put(found.name().toLowerCase(Locale.ROOT), found);
        }
        return Collections.unmodifiableMap(known);
    }
}
