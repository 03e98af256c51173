package dev.fmnist.training.search;

import dev.fmnist.contracts.SearchSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** A search's configurations: the full grid, or a seeded random sample of distinct grid points. */
public final class Grid {

    private Grid() {}

    /**
     * @param grid name → values, in the order given
     * @return every combination, the first name varying slowest (each map keeps the grid's name order)
     */
    public static List<Map<String, Object>> expand(Map<String, List<Object>> grid) {
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> entry : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : configurations) {
                for (Object value : entry.getValue()) {
                    Map<String, Object> config = new LinkedHashMap<>(partial);
                    config.put(entry.getKey(), value);
                    next.add(config);
                }
            }
            configurations = next;
        }
        return configurations.stream()
                .map(c -> (Map<String, Object>) Collections.unmodifiableMap(c))
                .toList();
    }

    /**
     * @param size grid points
     * @param n    how many to pick, 1..size
     * @param seed random seed
     * @return n distinct indices of {@code 0..size-1}, ascending (so trials keep the grid's order)
     */
    public static int[] sample(int size, int n, long seed) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * @param search the search (checked: {@link SearchSpec#problem()} is null)
     * @param seed   the search job's seed
     * @return the configurations to try, in trial order
     */
    public static List<Map<String, Object>> configurations(SearchSpec search, long seed) {
        List<Map<String, Object>> all = expand(search.grid());
        if (search.trials() == null || search.trials() >= all.size()) {
            return all;
        }
        return IntStream.of(sample(all.size(), search.trials(), seed))
                .mapToObj(all::get)
                .toList();
    }
}
