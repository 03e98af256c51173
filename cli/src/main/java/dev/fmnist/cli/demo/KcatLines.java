package dev.fmnist.cli.demo;

import dev.fmnist.contracts.Topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ready-to-paste {@code kcat} lines the demo prints. */
public final class KcatLines {

    private KcatLines() {}

    /**
     * @param samplePng        a PNG to publish, or null (then a raw-pixel example)
     * @return comment and command lines
     */
    public static List<String> of(String bootstrapServers, Path samplePng) {
        List<String> lines = new ArrayList<>();
        lines.add("# publish one image (any PNG or JPEG; inference-service decodes it to 28x28 grey):");
        if (samplePng != null) {
            lines.add("echo \"{\\\"id\\\":\\\"my-image-1\\\",\\\"png\\\":\\\"$(base64 -w0 " + samplePng
                    + ")\\\"}\" | kcat -b " + bootstrapServers + " -P -t " + Topics.IMAGES_INPUT + " -k my-image-1");
        } else {
            lines.add(
                    "echo \"{\\\"id\\\":\\\"my-image-1\\\",\\\"pixels\\\":\\\"$(head -c 784 /dev/urandom | base64 -w0)"
                            + "\\\",\\\"width\\\":28,\\\"height\\\":28}\" | kcat -b " + bootstrapServers + " -P -t "
                            + Topics.IMAGES_INPUT + " -k my-image-1");
        }
        lines.add("# watch predictions (key = image id):");
        lines.add("kcat -b " + bootstrapServers + " -C -t " + Topics.PREDICTIONS + " -o end -f '%k %s\\n'");
        lines.add("# watch evaluations (key = model id):");
        lines.add("kcat -b " + bootstrapServers + " -C -t " + Topics.EVALUATIONS + " -o end -f '%k %s\\n'");
        return lines;
    }
}
