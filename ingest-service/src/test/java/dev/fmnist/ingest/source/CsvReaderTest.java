package dev.fmnist.ingest.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class CsvReaderTest {

    @TempDir
    Path temp;

    @Test
    void badRowsAreRejectedWithReasonsAndTheRestIsRead() throws IOException {
        Path file = CsvFixture.withBadRows(temp.resolve("mini_test.csv"), 20);

        SourceData data = new CsvReader(ChecksumPolicy.none()).read(file, "train");

        SplitData split = data.splits().get(0);
        assertThat(split.split()).as("split told by the file name").isEqualTo("test");
        assertThat(split.count()).isEqualTo(17);
        assertThat(split.indexes()).doesNotContain(3, 7, 12).contains(0, 19);
        assertThat(split.rejections())
                .extracting(RowRejection::index, RowRejection::reason)
                .containsExactly(
                        tuple(3, "invalid-pixels: row 3 (line 5) has 783 pixel values; a label and 784 are required"),
                        tuple(
                                7,
                                "invalid-pixels: row 7 (line 9): pixel300 is '300', grey levels must be integers 0..255"),
                        tuple(12, "invalid-label: row 12 (line 14): label '11' must be an integer 0..9"));
        // accepted rows are exactly the real images
        int position = java.util.Arrays.binarySearch(split.indexes(), 19);
        assertThat(split.pixels(position)).isEqualTo(CsvFixture.FIXTURE_TEST.pixels(19));
        assertThat(split.label(position)).isEqualTo(CsvFixture.FIXTURE_TEST.label(19));
    }

    @Test
    void aHeaderWith783PixelColumnsRefusesTheFile() throws IOException {
        Path file = temp.resolve("short.csv");
        Files.write(file, List.of(CsvFixture.header(783), CsvFixture.row(0)));

        assertThatThrownBy(() -> new CsvReader(ChecksumPolicy.none()).read(file, "train"))
                .isInstanceOf(SourceException.class)
                .hasMessage("short.csv: the header has 784 columns (783 pixel columns); 'label' and 784 pixel columns"
                        + " (pixel1..pixel784) are required");
    }

    @Test
    void aFileWithoutHeaderIsRefused() throws IOException {
        Path file = temp.resolve("noheader.csv");
        Files.write(file, List.of(CsvFixture.row(0), CsvFixture.row(1)));

        assertThatThrownBy(() -> new CsvReader(ChecksumPolicy.none()).read(file, "train"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("the first header column is '");
    }

    @Test
    void aFolderHoldsOneFilePerSplitAndDeclaredSumsAreChecked() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("csv"));
        Files.write(
                folder.resolve("fashion_train.csv"),
                List.of(CsvFixture.header(784), CsvFixture.row(0), CsvFixture.row(1)));
        Files.write(folder.resolve("fashion_test.csv"), List.of(CsvFixture.header(784), CsvFixture.row(2), ""));
        String trainSum = Sha256.hex(Files.readAllBytes(folder.resolve("fashion_train.csv")));

        SourceData data = new CsvReader(new ChecksumPolicy(true, false, Map.of("fashion_train.csv", trainSum)))
                .read(folder, "train");
        assertThat(data.splits())
                .extracting(SplitData::split, SplitData::count)
                .containsExactlyInAnyOrder(tuple("train", 2), tuple("test", 1));
        assertThat(data.split("train").orElseThrow().files().get(0).verified()).isTrue();

        assertThatThrownBy(() -> new CsvReader(new ChecksumPolicy(true, false, Map.of("fashion_test.csv", trainSum)))
                        .read(folder, "train"))
                .hasMessageStartingWith("checksum mismatch: fashion_test.csv");
    }

    @Test
    void theOfficialNameRefusesAnUnverifiedCsv() throws IOException {
        Path file = temp.resolve("train.csv");
        Files.write(file, List.of(CsvFixture.header(784), CsvFixture.row(0)));

        assertThatThrownBy(() -> new CsvReader(new ChecksumPolicy(true, true, Map.of())).read(file, "train"))
                .hasMessageStartingWith("unverified file: train.csv");
    }
}
