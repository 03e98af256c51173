package dev.fmnist.cli.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {

    @TempDir
    Path folder;

    @Test
    void aFolderNamingAClassGivesTheLabelByDigitOrNameWithCaseAndPunctuationIgnored() {
        assertThat(ImageFiles.labelOf(Path.of("images/9/shoe.png"))).isEqualTo(9);
        assertThat(ImageFiles.labelOf(Path.of("images/Ankle boot/shoe.png"))).isEqualTo(9);
        assertThat(ImageFiles.labelOf(Path.of("images/ankle-boot/shoe.png"))).isEqualTo(9);
        assertThat(ImageFiles.labelOf(Path.of("images/T-shirt_top/a.jpg"))).isZero();
        assertThat(ImageFiles.labelOf(Path.of("images/tshirttop/a.jpg"))).isZero();
        assertThat(ImageFiles.labelOf(Path.of("images/bag/a.jpeg"))).isEqualTo(8);
        assertThat(ImageFiles.labelOf(Path.of("images/holiday/a.png"))).isNull();
        assertThat(ImageFiles.labelOf(Path.of("images/10/a.png"))).isNull();
    }

    @Test
    void foldersExpandToTheirImagesSortedWithIdsBelowTheFolder() throws IOException {
        Files.createDirectories(folder.resolve("9"));
        Files.createDirectories(folder.resolve("Trouser"));
        Files.write(folder.resolve("9/b.png"), new byte[] {1});
        Files.write(folder.resolve("9/a.JPG"), new byte[] {1});
        Files.write(folder.resolve("Trouser/x.jpeg"), new byte[] {1});
        Files.write(folder.resolve("Trouser/notes.txt"), new byte[] {1});
        Files.write(folder.resolve("loose.png"), new byte[] {1});

        List<ImageFiles.ImageFile> files = ImageFiles.expand(List.of(folder, folder.resolve("9/b.png")), "u1/");

        assertThat(files)
                .extracting(ImageFiles.ImageFile::id, ImageFiles.ImageFile::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("u1/9/a.JPG", 9),
                        org.assertj.core.groups.Tuple.tuple("u1/9/b.png", 9),
                        org.assertj.core.groups.Tuple.tuple("u1/Trouser/x.jpeg", 1),
                        org.assertj.core.groups.Tuple.tuple("u1/loose.png", null),
                        org.assertj.core.groups.Tuple.tuple("u1/b.png", 9));
    }

    @Test
    void idsLongerThanTheContractAllowsKeepTheirEnd() throws IOException {
        Path deep = folder.resolve("x".repeat(100)).resolve("y".repeat(100));
        Files.createDirectories(deep);
        Files.write(deep.resolve("z.png"), new byte[] {1});

        String id = ImageFiles.expand(List.of(folder), "").get(0).id();

        assertThat(id).hasSize(ImageFiles.MAX_ID_LENGTH).endsWith("y/z.png");
    }

    @Test
    void aMissingPathIsRefused() {
        assertThatThrownBy(() -> ImageFiles.expand(List.of(folder.resolve("absent.png")), ""))
                .hasMessageContaining("no such file or folder")
                .hasMessageContaining("absent.png");
    }
}
