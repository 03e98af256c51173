package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StratifiedKFoldTest {

    @Test
    void everyFixtureImageIsHeldOutInExactlyOneFoldAndEachFoldKeepsTheClassShares() {
        int[] labels = FixtureData.train().labels();
        long[] perClass = new long[FashionLabels.COUNT];
        for (int label : labels) {
            perClass[label]++;
        }
        for (int k : new int[] {2, 3, 5, 10}) {
            StratifiedKFold folds = StratifiedKFold.of(labels, k, 42);
            int[] seen = new int[labels.length];
            for (int f = 0; f < k; f++) {
                int[] held = folds.heldOut(f);
                int[] train = folds.training(f);
                assertThat(held.length + train.length).isEqualTo(labels.length);
                assertThat(IntStream.concat(Arrays.stream(held), Arrays.stream(train))
                                .distinct()
                                .count())
                        .as("held-out and training indices are disjoint and cover every image")
                        .isEqualTo(labels.length);
                assertThat(held).isSorted();
                for (int i : held) {
                    seen[i]++;
                }
                long[] counts = new long[FashionLabels.COUNT];
                for (int i : held) {
                    counts[labels[i]]++;
                }
                for (int c = 0; c < FashionLabels.COUNT; c++) {
                    assertThat((double) counts[c])
                            .as("class %d in fold %d of %d", c, f, k)
                            .isBetween(Math.floor(perClass[c] / (double) k), Math.ceil(perClass[c] / (double) k));
                }
                assertThat((double) held.length)
                        .as("fold sizes differ by at most one")
                        .isBetween(Math.floor(labels.length / (double) k), Math.ceil(labels.length / (double) k));
            }
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        int[] labels = FixtureData.train().labels();
        assertThat(StratifiedKFold.of(labels, 3, 7).foldOf())
                .isEqualTo(StratifiedKFold.of(labels, 3, 7).foldOf());
        assertThat(StratifiedKFold.of(labels, 3, 7).foldOf())
                .isNotEqualTo(StratifiedKFold.of(labels, 3, 8).foldOf());
    }

    @Test
    void aHandMadeSetIsDealtRoundTheFolds() {
        // 4 of class 0 and 2 of class 1 in 2 folds: each fold gets 2 of class 0 and 1 of class 1
        int[] labels = {0, 1, 0, 0, 1, 0};
        StratifiedKFold folds = StratifiedKFold.of(labels, 2, 1);
        for (int f = 0; f < 2; f++) {
            int[] held = folds.heldOut(f);
            assertThat(Arrays.stream(held).map(i -> labels[i]).sorted().toArray())
                    .containsExactly(0, 0, 1);
        }
    }

    @Test
    void refusesTooFewOrTooManyFoldsAndAnUnknownFold() {
        int[] labels = {0, 1, 2};
        assertThatThrownBy(() -> StratifiedKFold.of(labels, 1, 1)).hasMessageContaining("folds must be 2..3");
        assertThatThrownBy(() -> StratifiedKFold.of(labels, 4, 1)).hasMessageContaining("was 4");
        assertThatThrownBy(() -> StratifiedKFold.of(labels, 3, 1).heldOut(3)).hasMessageContaining("fold must be");
    }
}
