package dev.fmnist.evaluation.service;

import dev.fmnist.contracts.FashionLabels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which counted predictions of a batch become cell samples: per (model, trueLabel, predictedLabel) cell only the
 * newest K — by the prediction's timestamp, then by counting order — since a cell keeps its newest K anyway. Under
 * load a batch of 5,000 predictions writes at most K per touched cell instead of 5,000 rows.
 */
public final class SampleSelection {

    private static final int CELLS = FashionLabels.COUNT * FashionLabels.COUNT;

    /** Oldest first: by timestamp (none = oldest), then by counting order. */
    private static final Comparator<Indexed> OLDEST_FIRST = Comparator.<Indexed, Instant>comparing(
                    i -> i.prediction().predictedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Indexed::index);

    private SampleSelection() {}

    /**
     * @param counted predictions counted for the first time, in counting order
     * @param perCell K, at least 1
     * @return the newest {@code perCell} predictions of each cell, oldest first (so that storing them in this order
     *     numbers the newest last)
     */
    public static List<LabelledPrediction> newestPerCell(List<LabelledPrediction> counted, int perCell) {
        if (perCell < 1) {
            throw new IllegalArgumentException("perCell must be at least 1, was " + perCell);
        }
        Map<String, List<List<Indexed>>> cells = new HashMap<>();
        for (int i = 0; i < counted.size(); i++) {
            LabelledPrediction p = counted.get(i);
            List<List<Indexed>> model = cells.computeIfAbsent(p.modelId(), id -> {
                List<List<Indexed>> empty = new ArrayList<>(CELLS);
                for (int c = 0; c < CELLS; c++) {
                    empty.add(null);
                }
                return empty;
            });
            int cell = p.trueLabel() * FashionLabels.COUNT + p.predictedLabel();
            if (model.get(cell) == null) {
                model.set(cell, new ArrayList<>());
            }
            model.get(cell).add(new Indexed(p, i));
        }
        List<Indexed> kept = new ArrayList<>();
        for (List<List<Indexed>> model : cells.values()) {
            for (List<Indexed> cell : model) {
                if (cell == null) {
                    continue;
                }
                if (cell.size() > perCell) {
                    cell.sort(OLDEST_FIRST);
                    kept.addAll(cell.subList(cell.size() - perCell, cell.size()));
                } else {
                    kept.addAll(cell);
                }
            }
        }
        kept.sort(OLDEST_FIRST);
        List<LabelledPrediction> newest = new ArrayList<>(kept.size());
        kept.forEach(i -> newest.add(i.prediction()));
        return newest;
    }

    private record Indexed(LabelledPrediction prediction, int index) {}
}
