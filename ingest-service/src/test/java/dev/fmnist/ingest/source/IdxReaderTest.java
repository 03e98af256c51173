package dev.fmnist.ingest.source;

import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    /** SHA-256 of the decompressed fixture files (see the fixture's README). */
    static final Map<String, String> FIXTURE_SUMS = Map.of(
            "train-images-idx3-ubyte", "255e4ee5030c1b3f2a0487f20aef011c00dd85e812ddd30dddf3d68b3943af7a",
            "train-labels-idx1-ubyte", "493780981a45d260a4fb83486cce245889abff22d54e2fe246a1fcffc99c1ba1",
            "t10k-images-idx3-ubyte", "8fdf02ada67d92f4db5ba3c2f6c5b1cc6186ba6e0efd4914661e4389e103b81e",
            "t10k-labels-idx1-ubyte", "9c71808b3a0ebfc091442c0009a7aa35be2d9622bf6aaf6891ce9a0088e96c07");

    @TempDir
    Path temp;

    @Test
    void readsTheFixtureWithCountsAndClassBalance() {
        SourceData data =
                new IdxReader(new ChecksumPolicy(true, false, FIXTURE_SUMS)).read(Fixtures.fashionMnistMini());

        assertThat(data.splits())
                .extracting(SplitData::split, SplitData::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("train", 1600),
                        org.assertj.core.groups.Tuple.tuple("test", 500));
        assertThat(data.split("train").orElseThrow().classCounts()).containsOnly(160L);
        assertThat(data.split("test").orElseThrow().classCounts()).containsOnly(50L);
        assertThat(data.split("train").orElseThrow().files())
                .allSatisfy(f -> assertThat(f.verified()).isTrue())
                .extracting(SourceFile::sha256)
                .containsExactly(
                        FIXTURE_SUMS.get("train-images-idx3-ubyte"), FIXTURE_SUMS.get("train-labels-idx1-ubyte"));
    }

    @Test
    void theFixtureIsNotTheOfficialDatasetUnderTheOfficialName() {
        assertThatThrownBy(
                        () -> new IdxReader(new ChecksumPolicy(true, true, Map.of())).read(Fixtures.fashionMnistMini()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("checksum mismatch: train-images-idx3-ubyte")
                .hasMessageContaining(OfficialChecksums.SUMS.get("train-images-idx3-ubyte"));
    }

    @Test
    void aFlippedByteIsRefusedByChecksum() throws IOException {
        Path folder = copyFixture();
        byte[] images = IdxReader.content(folder.resolve("train-images-idx3-ubyte.gz"));
        images[16 + 784 * 7 + 400] ^= 0x01;
        Files.delete(folder.resolve("train-images-idx3-ubyte.gz"));
        Files.write(folder.resolve("train-images-idx3-ubyte"), images);

        assertThatThrownBy(() -> new IdxReader(new ChecksumPolicy(true, false, FIXTURE_SUMS)).read(folder))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("checksum mismatch: train-images-idx3-ubyte has SHA-256 " + Sha256.hex(images));
        // the same bytes are structurally fine: without an expected sum they are read
        assertThat(new IdxReader(ChecksumPolicy.none())
                        .read(folder)
                        .split("train")
                        .orElseThrow()
                        .count())
                .isEqualTo(1600);
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path folder = copyFixture();
        byte[] images = IdxReader.content(folder.resolve("t10k-images-idx3-ubyte.gz"));
        gzip(folder.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(images, images.length - 100));

        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(folder))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte: truncated, the header announces 500 items");
    }

    @Test
    void aTruncatedGzipIsRefused() throws IOException {
        Path folder = copyFixture();
        Path file = folder.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(folder))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz: corrupt or truncated gzip");
    }

    @Test
    void aWrongMagicNumberIsRefused() throws IOException {
        Path folder = copyFixture();
        byte[] labels = IdxReader.content(folder.resolve("train-labels-idx1-ubyte.gz"));
        labels[3] = 0x03;
        gzip(folder.resolve("train-labels-idx1-ubyte.gz"), labels);

        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(folder))
                .isInstanceOf(SourceException.class)
                .hasMessage(
                        "train-labels-idx1-ubyte: wrong magic number 0x00000803, an IDX label file starts with 0x00000801");
    }

    @Test
    void aLabelOutOfRangeIsRefused() throws IOException {
        Path folder = copyFixture();
        byte[] labels = IdxReader.content(folder.resolve("train-labels-idx1-ubyte.gz"));
        labels[8 + 5] = 12;
        gzip(folder.resolve("train-labels-idx1-ubyte.gz"), labels);

        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(folder))
                .isInstanceOf(SourceException.class)
                .hasMessage("train-labels-idx1-ubyte: label 12 at index 5 is outside 0..9");
    }

    @Test
    void anEmptyFolderIsNotFound() {
        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(temp))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("no IDX files in");
        assertThatThrownBy(() -> new IdxReader(ChecksumPolicy.none()).read(temp.resolve("nope")))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("no such folder");
    }

    @Test
    void theOfficialNameRefusesFilesWithoutAnExpectedSum() throws IOException {
        Path folder = copyFixture();
        Files.move(folder.resolve("t10k-images-idx3-ubyte.gz"), folder.resolve("t10k-images-idx3-ubyte.gz.bak"));
        Files.move(folder.resolve("t10k-labels-idx1-ubyte.gz"), folder.resolve("t10k-labels-idx1-ubyte.gz.bak"));
        // declared sums let the official name take other content...
        assertThat(new IdxReader(new ChecksumPolicy(true, true, FIXTURE_SUMS))
                        .read(folder)
                        .splits())
                .hasSize(1);
        // ...and verification off takes anything consistent
        assertThat(new IdxReader(new ChecksumPolicy(false, true, Map.of()))
                        .read(folder)
                        .splits())
                .hasSize(1);
    }

    private Path copyFixture() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("copy"));
        for (String name : Fixtures.FASHION_MNIST_FILES) {
            Files.copy(Fixtures.fashionMnistMini().resolve(name), folder.resolve(name));
        }
        return folder;
    }

    private static void gzip(Path target, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(content);
        }
    }
}
