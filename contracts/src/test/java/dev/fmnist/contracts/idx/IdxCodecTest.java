package dev.fmnist.contracts.idx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxCodecTest {

    @TempDir
    Path folder;

    @Test
    void readsGzippedAndRawFilesOfASplit() throws IOException {
        byte[] first = new byte[784];
        first[0] = (byte) 255;
        writeGzip(folder.resolve("t10k-images-idx3-ubyte.gz"), images(2, first, new byte[784]));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), labels(9, 0));

        IdxSplit split = IdxCodec.read(folder, "t10k");

        assertThat(split.count()).isEqualTo(2);
        assertThat(split.image(0)).isEqualTo(first);
        assertThat(split.label(0)).isEqualTo(9);
        assertThat(split.label(1)).isZero();
    }

    @Test
    void refusesTruncatedImages() {
        byte[] images = images(2, new byte[784], new byte[784]);
        byte[] truncated = java.util.Arrays.copyOf(images, images.length - 10);

        assertThatThrownBy(() -> IdxCodec.decode("i", truncated, "l", labels(1, 2)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("i: truncated, the header announces 2 items (1584 bytes) but the file has 1574 bytes");
    }

    @Test
    void refusesWrongMagicCountMismatchAndBadLabels() {
        byte[] images = images(1, new byte[784]);
        assertThatThrownBy(() -> IdxCodec.decode("i", labels(1), "l", labels(1)))
                .hasMessage("i: truncated, 9 bytes is shorter than the 16-byte IDX header");
        assertThatThrownBy(() -> IdxCodec.decode("i", images, "l", images))
                .hasMessage("l: wrong magic number 0x00000803, an IDX label file starts with 0x00000801");
        assertThatThrownBy(() -> IdxCodec.decode("i", images, "l", labels(1, 2)))
                .hasMessage("i holds 1 images but l holds 2 labels");
        assertThatThrownBy(() -> IdxCodec.decode("i", images, "l", labels(12)))
                .hasMessage("l: label 12 at index 0 is outside 0..9");
    }

    @Test
    void namesTheMissingFile() {
        assertThatThrownBy(() -> IdxCodec.read(folder, "train"))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith("neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz in ");
    }

    @Test
    void refusesAGzipThatDoesNotInflate() throws IOException {
        Path broken = folder.resolve("x.gz");
        Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});

        assertThatThrownBy(() -> IdxCodec.content(broken)).hasMessageStartingWith("x.gz: corrupt or truncated gzip");
    }

    private static byte[] images(int count, byte[]... images) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 784 * images.length);
        buffer.putInt(IdxCodec.IMAGES_MAGIC).putInt(count).putInt(28).putInt(28);
        for (byte[] image : images) {
            buffer.put(image);
        }
        return buffer.array();
    }

    private static byte[] labels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(IdxCodec.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    private static void writeGzip(Path file, byte[] content) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}
