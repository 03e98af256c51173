package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Deterministic, stratified k folds: every item is in exactly one fold, and each fold holds every class's share to
 * within one item (a class of n items has ⌊n/k⌋ or ⌈n/k⌉ in each fold). Each class is shuffled with a seeded random
 * and dealt round the folds, each class starting where the previous one stopped, so the folds' sizes differ by at
 * most one as well.
 *
 * @param foldOf the fold of each item, 0..k-1
 * @param folds  k
 */
public record StratifiedKFold(int[] foldOf, int folds) {

    /**
     * @param labels class of each item, 0..9
     * @param folds  k, at least 2 and at most the number of items
     * @param seed   random seed
     * @return the folds
     */
    public static StratifiedKFold of(int[] labels, int folds, long seed) {
        if (folds < 2 || folds > labels.length) {
            throw new IllegalArgumentException(
                    "folds must be 2.." + labels.length + " (the number of items), was " + folds);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[labels.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            for (int member : members) {
                foldOf[member] = next;
                next = (next + 1) % folds;
            }
        }
        return new StratifiedKFold(foldOf, folds);
    }

    /** @return the indices of fold {@code fold}, ascending: the held-out items */
    public int[] heldOut(int fold) {
        check(fold);
        return IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == fold).toArray();
    }

    /** @return the indices of every other fold, ascending: the items to train on */
    public int[] training(int fold) {
        check(fold);
        return IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != fold).toArray();
    }

    private void check(int fold) {
        if (fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("fold must be 0.." + (folds - 1) + ", was " + fold);
        }
    }
}
