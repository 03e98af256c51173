package dev.fmnist.ingest.source;

import dev.fmnist.contracts.image.GreyImageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bounded work per image in a PNG folder, and the allowed roots inside it. */
class ImageFolderLimitsTest {

    @TempDir
    Path temp;

    @Test
    void anImageWhoseHeaderDeclares20000x20000IsARowRejectionAndTheRestIsRead() throws IOException {
        Path sneakers = Files.createDirectories(temp.resolve("images/7"));
        byte[] bomb = PngFixture.declaring(20_000, 20_000);
        assertThat(bomb.length).isLessThan(1024);
        Files.write(sneakers.resolve("a-bomb.png"), bomb);
        Files.write(sneakers.resolve("b-good.png"), GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(0)));

        long before = usedHeap();
        SplitData split = new ImageFolderReader(ChecksumPolicy.none())
                .read(temp.resolve("images"), "train")
                .splits()
                .get(0);

        assertThat(split.count()).isEqualTo(1);
        assertThat(split.pixels(0)).isEqualTo(CsvFixture.FIXTURE_TEST.pixels(0));
        assertThat(split.rejections()).singleElement().satisfies(r -> {
            assertThat(r.index()).isZero();
            assertThat(r.reason()).startsWith("invalid-png: 7/a-bomb.png: ").contains("20000x20000", "4096");
        });
        // the 400 MB the header declares were never allocated
        assertThat(usedHeap() - before).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void aFileAboveTheSizeLimitIsARowRejectionAndIsNotRead() throws IOException {
        Path shirts = Files.createDirectories(temp.resolve("images/0"));
        byte[] good = GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(1));
        Files.write(shirts.resolve("big.png"), new byte[4096]);
        Files.write(shirts.resolve("small.png"), good);

        SplitData split = new ImageFolderReader(ChecksumPolicy.none(), DataRoots.of(List.of(temp)), 2048)
                .read(temp.resolve("images"), "train")
                .splits()
                .get(0);

        assertThat(split.count()).isEqualTo(1);
        assertThat(split.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .isEqualTo("invalid-png: 0/big.png: the file is larger than 2,048 bytes, the limit of one image"
                                + " (fmnist.ingest.png.max-file-size); it is not read"));
    }

    @Test
    void aClassFolderOrImageLinkedFromOutsideTheRootsRefusesTheSource() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere/3"));
        Files.write(elsewhere.resolve("private.png"), GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(2)));
        Path images = Files.createDirectories(root.resolve("images/1"));
        Files.write(images.resolve("ok.png"), GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(3)));
        ImageFolderReader reader = new ImageFolderReader(ChecksumPolicy.none(), DataRoots.of(List.of(root)), 1 << 20);

        Files.createSymbolicLink(root.resolve("images/3"), elsewhere);
        assertThatThrownBy(() -> reader.read(root.resolve("images"), "train"))
                .isInstanceOf(PathNotAllowedException.class)
                .hasMessage("forbidden-path: " + root.resolve("images/3") + " leads outside the folders ingest may"
                        + " read (fmnist.ingest.allowed-roots)");

        Files.delete(root.resolve("images/3"));
        Files.createSymbolicLink(images.resolve("linked.png"), elsewhere.resolve("private.png"));
        assertThatThrownBy(() -> reader.read(root.resolve("images"), "train"))
                .isInstanceOf(PathNotAllowedException.class)
                .hasMessageContaining("images/1/linked.png");

        Files.delete(images.resolve("linked.png"));
        assertThat(reader.read(root.resolve("images"), "train").splits().get(0).count())
                .isEqualTo(1);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
