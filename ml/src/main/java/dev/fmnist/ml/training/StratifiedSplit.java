package dev.fmnist.ml.training;

import dev.fmnist.contracts.FashionLabels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, stratified split: the same share of every class is held out, chosen by a seeded shuffle.
 *
 * @param train      indices kept for training, ascending
 * @param validation indices held out, ascending
 */
public record StratifiedSplit(int[] train, int[] validation) {

    /**
     * @param labels   class of each item
     * @param fraction share of each class to hold out (rounded per class), 0..1
     * @param seed     random seed
     * @return the split
     */
    public static StratifiedSplit of(int[] labels, double fraction, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < FashionLabels.COUNT; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            int held = (int) Math.round(members.size() * fraction);
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        return new StratifiedSplit(
                train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                validation.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}
