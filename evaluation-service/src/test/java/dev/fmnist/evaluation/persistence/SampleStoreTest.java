package dev.fmnist.evaluation.persistence;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.evaluation.service.CellSample;
import dev.fmnist.evaluation.service.LabelledPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The cell samples and input images in the real PostgreSQL, migrated by the service's own scripts. */
class SampleStoreTest {

    private static PGSimpleDataSource dataSource;
    private static JdbcSampleStore samples;
    private static JdbcImageStore images;

    @BeforeAll
    static void migrate() {
        dataSource = MigratedSchema.dataSource();
        samples = new JdbcSampleStore(dataSource);
        images = new JdbcImageStore(dataSource);
    }

    @Test
    void aCellKeepsItsNewestKWithProbabilitiesAndTimestampNewestFirst() {
        String model = "cells-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<LabelledPrediction> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(p(model, "a" + i, 4, 2, start.plusSeconds(i)));
        }
        samples.keep(first, 3);
        samples.keep(List.of(p(model, "b0", 4, 2, start.plusSeconds(10)), p(model, "c0", 4, 4, start)), 3);

        List<CellSample> cell = samples.cell(model, 4, 2, 10);
        assertThat(cell).extracting(CellSample::id).containsExactly("b0", "a4", "a3");
        assertThat(cell.get(0).probabilities()).containsExactly(probabilities(2));
        assertThat(cell.get(0).timestamp()).isEqualTo(start.plusSeconds(10));
        assertThat(cell.get(0).trueClassName()).isEqualTo("Coat");
        assertThat(cell.get(0).className()).isEqualTo("Pullover");
        assertThat(samples.cell(model, 4, 2, 2)).extracting(CellSample::id).containsExactly("b0", "a4");
        assertThat(samples.cell(model, 4, 4, 10)).extracting(CellSample::id).containsExactly("c0");
        assertThat(samples.cell(model, 0, 0, 10)).isEmpty();
        assertThat(samples.mistakes(model, 10))
                .as("off-diagonal only, newest first")
                .extracting(CellSample::id)
                .containsExactly("b0", "a4", "a3");
    }

    @Test
    void pixelsAreCopiedWhenThereJoinedWhenStoredLaterAndNullWhenNeverSeen() {
        String model = "pixels-" + UUID.randomUUID();
        String early = model + "-early";
        String late = model + "-late";
        String never = model + "-never";
        images.store(List.of(new DecodedImage(early, pixels(3), 1)));
        samples.keep(
                List.of(
                        p(model, early, 1, 1, Instant.now()),
                        p(model, late, 1, 1, Instant.now()),
                        p(model, never, 1, 1, Instant.now())),
                16);
        images.store(List.of(new DecodedImage(late, pixels(5), 1)));

        assertThat(pixelsOf(model, early)).isEqualTo(pixels(3));
        assertThat(pixelsOf(model, late)).as("joined at query time").isEqualTo(pixels(5));
        assertThat(pixelsOf(model, never)).isNull();

        // the image table is pruned to nothing: the copied pixels stay, the joined ones go
        images.prune(0);
        assertThat(pixelsOf(model, early)).isEqualTo(pixels(3));
        assertThat(pixelsOf(model, late)).isNull();
    }

    @Test
    void theImageTableKeepsTheNewestAndAnIdStoredAgainIsNewest() {
        String prefix = "img-" + UUID.randomUUID() + "-";
        images.store(List.of(new DecodedImage(prefix + 0, pixels(0), 0), new DecodedImage(prefix + 1, pixels(1), 0)));
        images.store(List.of(new DecodedImage(prefix + 2, pixels(2), 0)));
        images.store(List.of(new DecodedImage(prefix + 0, pixels(9), 0)));

        images.prune(2);
        String model = "img-model-" + UUID.randomUUID();
        samples.keep(
                List.of(
                        p(model, prefix + 0, 0, 0, Instant.now()),
                        p(model, prefix + 1, 0, 0, Instant.now()),
                        p(model, prefix + 2, 0, 0, Instant.now())),
                16);
        assertThat(pixelsOf(model, prefix + 0)).isEqualTo(pixels(9));
        assertThat(pixelsOf(model, prefix + 1)).isNull();
        assertThat(pixelsOf(model, prefix + 2)).isEqualTo(pixels(2));
    }

    private static byte[] pixelsOf(String model, String image) {
        String pixels = samples.cell(model, 1, 1, 16).stream()
                .filter(s -> s.id().equals(image))
                .findFirst()
                .or(() -> samples.cell(model, 0, 0, 16).stream()
                        .filter(s -> s.id().equals(image))
                        .findFirst())
                .orElseThrow()
                .pixels();
        return pixels == null ? null : Base64.getDecoder().decode(pixels);
    }

    private static LabelledPrediction p(String model, String image, int trueLabel, int predicted, Instant at) {
        return new LabelledPrediction(model, 1, image, trueLabel, predicted, at, probabilities(predicted));
    }

    private static double[] probabilities(int predicted) {
        double[] probabilities = new double[10];
        java.util.Arrays.fill(probabilities, 0.02);
        probabilities[predicted] = 0.82;
        return probabilities;
    }

    private static byte[] pixels(int seed) {
        byte[] pixels = new byte[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * seed + 1);
        }
        return pixels;
    }
}
