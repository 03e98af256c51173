package dev.fmnist.ml.training;

import dev.fmnist.contracts.ImageGeometry;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AugmentationTest {

    private static final int SIDE = ImageGeometry.SIDE;

    @Test
    void augmentedFixtureImagesKeepTheirShapeAndAreShiftedOrMirroredCopiesOfTheOriginal() {
        TrainingData train = FixtureData.train();
        Augmentation augmentation = new Augmentation(2, true);
        Random random = new Random(7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            byte[] original = train.images().get(i);
            byte[] copy = original.clone();
            byte[] augmented = augmentation.apply(original, random);
            assertThat(original).as("the original is not modified").isEqualTo(copy);
            assertThat(augmented).hasSize(ImageGeometry.PIXELS);
            seen.add(matchingTransform(original, augmented));
        }
        // every image is one of the 5 × 5 × 2 transforms, and all of them occur
        assertThat(seen).doesNotContain((String) null).hasSize(50);
    }

    @Test
    void theSameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        List<byte[]> images = FixtureData.train().images().subList(0, 64);
        Augmentation augmentation = new Augmentation(2, true);
        assertThat(augmentAll(images, augmentation, 11)).isDeepEqualTo(augmentAll(images, augmentation, 11));
        assertThat(java.util.Arrays.deepEquals(
                        augmentAll(images, augmentation, 11), augmentAll(images, augmentation, 12)))
                .isFalse();
    }

    @Test
    void withoutShiftOrFlipTheImageIsUnchangedAndAShiftPadsWithBackground() {
        byte[] image = FixtureData.train().images().get(3);
        assertThat(Augmentation.NONE.active()).isFalse();
        assertThat(Augmentation.NONE.apply(image, new Random(1))).isEqualTo(image);
        byte[] white = new byte[ImageGeometry.PIXELS];
        java.util.Arrays.fill(white, (byte) 255);
        Random draws = new Random(3); // the documented order: the shift in x, then in y
        int dx = draws.nextInt(5) - 2;
        int dy = draws.nextInt(5) - 2;
        byte[] shifted = new Augmentation(2, false).apply(white, new Random(3));
        int background = 0;
        for (byte level : shifted) {
            background += level == 0 ? 1 : 0;
        }
        assertThat(background)
                .as("rows and columns shifted in are background 0")
                .isEqualTo(ImageGeometry.PIXELS - (SIDE - Math.abs(dx)) * (SIDE - Math.abs(dy)));
        assertThatThrownBy(() -> new Augmentation(9, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTrainerKeepsLabelsWhileAugmenting() {
        // augmentation on: the same validation split and counts, and a model still far above chance on clean images
        TrainingSpec spec = TrainingSpec.of(
                "mlp",
                4,
                null,
                null,
                null,
                java.util.Map.of("augmentShift", 2, "augmentFlip", true, "labelSmoothing", 0.1),
                0);
        TrainingResult result = ModelTrainer.fit(spec, FixtureData.train(), null);
        assertThat(result.trainCount()).isEqualTo(1440);
        assertThat(result.bundle().metadata().hyperParameters())
                .containsEntry("augmentShift", 2)
                .containsEntry("augmentFlip", true)
                .containsEntry("labelSmoothing", 0.1);
        assertThat(ModelEvaluator.evaluate(result.bundle(), FixtureData.test()).accuracy())
                .isGreaterThan(0.6);
    }

    private static byte[][] augmentAll(List<byte[]> images, Augmentation augmentation, long seed) {
        Random random = new Random(seed);
        return images.stream().map(image -> augmentation.apply(image, random)).toArray(byte[][]::new);
    }

    /** @return "dx,dy,flip" of the one transform of {@code original} that gives {@code augmented}, or null */
    private static String matchingTransform(byte[] original, byte[] augmented) {
        String match = null;
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                for (boolean flip : new boolean[] {false, true}) {
                    if (java.util.Arrays.equals(transform(original, dx, dy, flip), augmented)) {
                        if (match != null) {
                            return match; // ambiguous (a symmetric image): keep the first
                        }
                        match = dx + "," + dy + "," + flip;
                    }
                }
            }
        }
        return match;
    }

    private static byte[] transform(byte[] pixels, int dx, int dy, boolean flip) {
        byte[] out = new byte[ImageGeometry.PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sx = (flip ? SIDE - 1 - x : x) + dx;
                int sy = y + dy;
                if (sx >= 0 && sx < SIDE && sy >= 0 && sy < SIDE) {
                    out[y * SIDE + x] = pixels[sy * SIDE + sx];
                }
            }
        }
        return out;
    }
}
