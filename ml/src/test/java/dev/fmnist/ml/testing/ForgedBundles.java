package dev.fmnist.ml.testing;

import dev.fmnist.ml.ModelBundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model files altered the way an attacker would alter them, for the tests of the model reader (ml) and of what
 * inference accepts. Shared through the ml test jar.
 */
public final class ForgedBundles {

    private ForgedBundles() {}

    /** @return the bundle with its inner network zip edited by {@code edit} (entries by name, in order) */
    public static byte[] editNetwork(byte[] bundle, Consumer<Map<String, byte[]>> edit) {
        Map<String, byte[]> outer = read(bundle);
        Map<String, byte[]> network = read(outer.get(ModelBundle.NETWORK_ENTRY));
        edit.accept(network);
        outer.put(ModelBundle.NETWORK_ENTRY, write(network));
        return write(outer);
    }

    /** @return the entries of a zip, by name, in order */
    public static Map<String, byte[]> read(byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** @return a zip of these entries, in order */
    public static byte[] write(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return {@code value} in Java serialization */
    public static byte[] serialize(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
