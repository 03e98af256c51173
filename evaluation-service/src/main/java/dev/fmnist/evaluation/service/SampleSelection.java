package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.FashionLabels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which counted predictions of a batch become cell samples: per (model, trueLabel, predictedLabel) cell only the
 * last K in counting order, since a cell keeps its newest K anyway. Under load a batch of 5,000 predictions writes at
 * most K per touched cell instead of 5,000 rows.
 */
public final class SampleSelection {

    private static final int CELLS = FashionLabels.COUNT * FashionLabels.COUNT;

    private SampleSelection() {}

    /**
     * @param counted predictions counted for the first time, in counting order
     * @param perCell K, at least 1
     * @return the last {@code perCell} predictions of each cell, still in counting order
     */
    public static List<LabelledPrediction> newestPerCell(List<LabelledPrediction> counted, int perCell) {
        if (perCell < 1) {
            throw new IllegalArgumentException("perCell must be at least 1, was " + perCell);
        }
        Map<String, int[]> taken = new HashMap<>();
        List<LabelledPrediction> newest = new ArrayList<>();
        for (int i = counted.size() - 1; i >= 0; i--) {
            LabelledPrediction p = counted.get(i);
            int[] cells = taken.computeIfAbsent(p.modelId(), id -> new int[CELLS]);
            int cell = p.trueLabel() * FashionLabels.COUNT + p.predictedLabel();
            if (cells[cell] < perCell) {
                cells[cell]++;
                newest.add(p);
            }
        }
        Collections.reverse(newest);
        return newest;
    }
}
