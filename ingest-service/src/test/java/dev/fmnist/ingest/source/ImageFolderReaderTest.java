package dev.fmnist.ingest.source;

import dev.fmnist.contracts.image.GreyImageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFolderReaderTest {

    @TempDir
    Path temp;

    @Test
    void classFoldersByNumberOrNameBecomeLabelsAndPixelsSurviveExactly() throws IOException {
        SplitData fixture = CsvFixture.FIXTURE_TEST;
        Path folder = temp.resolve("images");
        // first 30 real images, under "<label>" or a class-name folder for labels 0 and 9
        for (int i = 0; i < 30; i++) {
            int label = fixture.label(i);
            String classFolder = label == 0 ? "T-shirt_top" : label == 9 ? "ankle boot" : Integer.toString(label);
            Path target = Files.createDirectories(folder.resolve(classFolder)).resolve(String.format("img%03d.png", i));
            Files.write(target, GreyImageEncoder.toPng(fixture.pixels(i)));
        }
        Files.writeString(folder.resolve("3").resolve("broken.png"), "not an image");
        Files.writeString(folder.resolve("3").resolve("notes.txt"), "ignored");

        SplitData split = new ImageFolderReader(ChecksumPolicy.none())
                .read(folder, "test")
                .splits()
                .get(0);

        assertThat(split.split()).isEqualTo("test");
        assertThat(split.count()).isEqualTo(30);
        assertThat(split.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("invalid-png: 3/broken.png: "));
        long[] expected = new long[10];
        for (int i = 0; i < 30; i++) {
            expected[fixture.label(i)]++;
        }
        assertThat(split.classCounts()).containsExactly(expected);
        // every accepted image is one of the fixture's, pixel for pixel, under its own label
        for (int i = 0; i < split.count(); i++) {
            byte[] pixels = split.pixels(i);
            int label = split.label(i);
            boolean found = false;
            for (int j = 0; j < 30 && !found; j++) {
                found = fixture.label(j) == label && java.util.Arrays.equals(fixture.pixels(j), pixels);
            }
            assertThat(found).as("image %d matches a fixture image", i).isTrue();
        }
    }

    @Test
    void aFolderPerSplitIsRead() throws IOException {
        for (String split : new String[] {"train", "test"}) {
            Path target =
                    Files.createDirectories(temp.resolve("data").resolve(split).resolve("Sneaker"));
            Files.write(target.resolve("a.png"), GreyImageEncoder.toPng(CsvFixture.FIXTURE_TEST.pixels(0)));
        }
        SourceData data = new ImageFolderReader(ChecksumPolicy.none()).read(temp.resolve("data"), "train");
        assertThat(data.splits()).extracting(SplitData::split).containsExactly("test", "train");
        assertThat(data.splits().get(0).classCounts()[7]).isEqualTo(1);
    }

    @Test
    void anUnknownClassFolderIsRefused() throws IOException {
        Files.createDirectories(temp.resolve("data").resolve("train").resolve("hats"));
        assertThatThrownBy(() -> new ImageFolderReader(ChecksumPolicy.none()).read(temp.resolve("data"), "train"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'train/hats' is not a class");
    }
}
