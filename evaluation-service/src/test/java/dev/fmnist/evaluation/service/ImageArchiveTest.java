package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.image.GreyImageEncoder;
import dev.fmnist.contracts.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The image archive against an in-memory store; the PostgreSQL store is tested with the samples. */
class ImageArchiveTest {

    private final MemoryImages store = new MemoryImages();

    @Test
    void labelledImagesAreKeptByIdFromPixelsOrPngAndRefusedOrUnlabelledOnesAreNot() {
        ImageArchive archive = new ImageArchive(store, 100);
        byte[] pixels = pixels(7);
        byte[] png = GreyImageEncoder.toPng(pixels(9));
        List<RawRecord> batch = List.of(
                record("raw", JsonCodec.toBytes(InputImage.ofPixels("raw", pixels, 3))),
                record(
                        "bad",
                        "{\"id\":\"bad\",\"pixels\":\"!!not base64!!\",\"label\":1}".getBytes(StandardCharsets.UTF_8)),
                record(
                        "png",
                        JsonCodec.toBytes(
                                new InputImage("png", null, Base64.getEncoder().encodeToString(png), null, null, 5))),
                record("plain", JsonCodec.toBytes(InputImage.ofPixels("plain", pixels, null))),
                record("tomb", null));

        ImageArchive.Outcome outcome = archive.handle(batch);

        assertThat(outcome.stored()).isEqualTo(2);
        assertThat(outcome.unlabelled()).isEqualTo(1);
        assertThat(outcome.refused())
                .extracting(
                        r -> r.key(), r -> r.reason().substring(0, r.reason().indexOf(':')))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bad", "invalid-pixels"),
                        org.assertj.core.groups.Tuple.tuple("tomb", "not-an-object"));
        assertThat(store.images.keySet()).containsExactly("raw", "png");
        assertThat(store.images.get("raw")).isEqualTo(pixels);
        assertThat(store.images.get("png"))
                .as("the PNG decoded by the contract")
                .isEqualTo(pixels(9));
    }

    @Test
    void anIdSeenTwiceInABatchKeepsItsNewestPixels() {
        ImageArchive archive = new ImageArchive(store, 100);
        archive.handle(List.of(
                record("a", JsonCodec.toBytes(InputImage.ofPixels("a", pixels(1), 0))),
                record("b", JsonCodec.toBytes(InputImage.ofPixels("b", pixels(2), 0))),
                record("a", JsonCodec.toBytes(InputImage.ofPixels("a", pixels(3), 0)))));

        assertThat(store.batches)
                .singleElement()
                .satisfies(b -> assertThat(b).extracting(DecodedImage::id).containsExactly("b", "a"));
        assertThat(store.images.get("a")).isEqualTo(pixels(3));
    }

    @Test
    void theStoreIsPrunedToItsBoundAsItGrows() {
        ImageArchive archive = new ImageArchive(store, 8);
        for (int i = 0; i < 20; i++) {
            archive.handle(List.of(record("i" + i, JsonCodec.toBytes(InputImage.ofPixels("i" + i, pixels(i), 4)))));
            assertThat(store.images.size()).as("after %d", i + 1).isLessThanOrEqualTo(8 + 8 / 4);
        }
        assertThat(store.images).containsKey("i19");
    }

    private static byte[] pixels(int seed) {
        byte[] pixels = new byte[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * seed);
        }
        return pixels;
    }

    private static RawRecord record(String key, byte[] value) {
        return new RawRecord(Topics.IMAGES_INPUT, key, value, Instant.now());
    }

    /** Images in memory, in storing order. */
    static final class MemoryImages implements ImageStore {
        final Map<String, byte[]> images = new LinkedHashMap<>();
        final List<List<DecodedImage>> batches = new ArrayList<>();

        @Override
        public void store(List<DecodedImage> batch) {
            batches.add(batch);
            for (DecodedImage image : batch) {
                images.remove(image.id());
                images.put(image.id(), image.pixels());
            }
        }

        @Override
        public int prune(int keep) {
            int deleted = 0;
            var ids = new ArrayList<>(images.keySet());
            for (int i = 0; i < ids.size() - keep; i++) {
                images.remove(ids.get(i));
                deleted++;
            }
            return deleted;
        }
    }
}
