package dev.fmnist.deploy.kustomize;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YAML in and out, with the scalar types Kubernetes and Kustomize see (YAML 1.2 core schema): {@code true}/{@code
 * false} are booleans but {@code yes}, {@code on} or a date stay strings, as they do for kubectl.
 */
public final class Yamls {

    private Yamls() {}

    /** YAML 1.2 core-schema resolver: no timestamps, no yes/no/on/off booleans, no sexagesimal numbers. */
    static final class CoreResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789");
            addImplicitResolver(
                    Tag.FLOAT,
                    Pattern.compile("^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options, new CoreResolver());
    }

    /**
     * @param text one or many YAML documents
     * @return every non-empty document
     */
    public static List<Object> loadAll(String text) {
        List<Object> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** @return the non-empty documents of the file */
    public static List<Object> loadAll(Path file) {
        return loadAll(read(file));
    }

    /** @return the one document of the file, a map */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadMap(Path file) {
        List<Object> docs = loadAll(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new KustomizeException(file + ": expected one YAML mapping, found " + docs.size() + " documents");
        }
        return (Map<String, Object>) docs.get(0);
    }

    /** @return the objects as a multi-document YAML stream */
    public static String dumpAll(List<?> objects) {
        return yaml().dumpAll(objects.iterator());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
