package dev.fmnist.cli.demo;

import dev.fmnist.contracts.image.GreyImageDecoder;
import dev.fmnist.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleImageTest {

    @TempDir
    Path target;

    @Test
    void theFirstTestImageOfTheRealFixtureBecomesAPngNamedAfterItsClass() throws Exception {
        Path png = SampleImage.writeFirstTestImage(Fixtures.fashionMnistMini(), target)
                .orElseThrow();

        assertThat(png.getParent()).isEqualTo(target);
        assertThat(png.getFileName().toString()).matches("[a-z0-9-]+\\.png");
        byte[] pixels = GreyImageDecoder.decode(Files.readAllBytes(png));
        assertThat(pixels).hasSize(784);
        int nonBackground = 0;
        for (byte pixel : pixels) {
            if (pixel != 0) {
                nonBackground++;
            }
        }
        assertThat(nonBackground).as("a garment, not an empty image").isGreaterThan(100);
    }

    @Test
    void aFolderWithoutTestFilesGivesNothing() {
        assertThat(SampleImage.writeFirstTestImage(target.resolve("absent"), target))
                .isEmpty();
    }

    @Test
    void classNamesBecomeFileNames() {
        assertThat(List.of(SampleImage.fileName(0), SampleImage.fileName(9), SampleImage.fileName(8)))
                .containsExactly("t-shirt-top", "ankle-boot", "bag");
    }

    @Test
    void theKcatLinesPublishTheSampleAndWatchPredictionsAndEvaluations() {
        List<String> lines = KcatLines.of("localhost:9092", Path.of(".fmnist/samples/ankle-boot.png"));

        assertThat(lines)
                .contains(
                        "echo \"{\\\"id\\\":\\\"my-image-1\\\",\\\"png\\\":\\\"$(base64 -w0 .fmnist/samples/ankle-boot.png)"
                                + "\\\"}\" | kcat -b localhost:9092 -P -t fmnist.images.input -k my-image-1",
                        "kcat -b localhost:9092 -C -t fmnist.predictions -o end -f '%k %s\\n'",
                        "kcat -b localhost:9092 -C -t fmnist.evaluations -o end -f '%k %s\\n'");
    }
}
