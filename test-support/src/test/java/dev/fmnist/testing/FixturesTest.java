package dev.fmnist.testing;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class FixturesTest {

    @Test
    void fashionMnistMiniIsAFolderOfRealIdxFilesWithTheAnnouncedCounts() throws IOException {
        Path folder = Fixtures.fashionMnistMini();

        assertThat(folder).isDirectory();
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrderElementsOf(Fixtures.FASHION_MNIST_FILES);
        assertThat(header(folder.resolve("train-images-idx3-ubyte.gz"))).containsExactly(0x803, 1_600, 28, 28);
        assertThat(header(folder.resolve("t10k-images-idx3-ubyte.gz"))).containsExactly(0x803, 500, 28, 28);
        assertThat(labelCounts(folder.resolve("train-labels-idx1-ubyte.gz"))).containsOnly(160);
        assertThat(labelCounts(folder.resolve("t10k-labels-idx1-ubyte.gz"))).containsOnly(50);
        assertThat(Fixtures.fashionMnistMini()).isEqualTo(folder);
    }

    private static int[] header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            return new int[] {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
        }
    }

    private static int[] labelCounts(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            assertThat(in.readInt()).isEqualTo(0x801);
            int count = in.readInt();
            int[] perClass = new int[10];
            for (int i = 0; i < count; i++) {
                perClass[in.readUnsignedByte()]++;
            }
            return perClass;
        }
    }
}
