package dev.fmnist.training.search;

import dev.fmnist.contracts.SearchSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GridTest {

    @Test
    void theFullGridHoldsEveryCombinationWithTheFirstNameVaryingSlowest() {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("learningRate", List.of(0.001, 0.003));
        grid.put("hiddenLayers", List.of(List.of(128), List.of(256, 128)));
        grid.put("dropout", List.of(0.0, 0.2, 0.5));

        List<Map<String, Object>> configurations = Grid.expand(grid);

        assertThat(configurations).hasSize(12).doesNotHaveDuplicates();
        assertThat(configurations.get(0))
                .containsExactly(
                        Map.entry("learningRate", 0.001),
                        Map.entry("hiddenLayers", List.of(128)),
                        Map.entry("dropout", 0.0));
        assertThat(configurations.get(1)).containsEntry("dropout", 0.2).containsEntry("learningRate", 0.001);
        assertThat(configurations.get(11))
                .containsExactly(
                        Map.entry("learningRate", 0.003),
                        Map.entry("hiddenLayers", List.of(256, 128)),
                        Map.entry("dropout", 0.5));
    }

    @Test
    void aRandomSampleIsNDistinctGridPointsInGridOrderAndTheSameForTheSameSeed() {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("a", List.of(1, 2, 3, 4));
        grid.put("b", List.of("x", "y", "z"));
        SearchSpec search = new SearchSpec(grid, 3, 5, null);
        List<Map<String, Object>> all = Grid.expand(grid);

        List<Map<String, Object>> sample = Grid.configurations(search, 42);

        assertThat(sample).hasSize(5).doesNotHaveDuplicates();
        assertThat(all).containsAll(sample);
        assertThat(sample).isSortedAccordingTo((x, y) -> Integer.compare(all.indexOf(x), all.indexOf(y)));
        assertThat(Grid.configurations(search, 42)).isEqualTo(sample);
        assertThat(Grid.configurations(new SearchSpec(grid, 3, null, null), 42)).isEqualTo(all);
        assertThat(Grid.configurations(new SearchSpec(grid, 3, 12, null), 42)).isEqualTo(all);
    }

    @Test
    void differentSeedsDrawDifferentSamples() {
        List<int[]> draws = List.of(Grid.sample(200, 10, 1), Grid.sample(200, 10, 2), Grid.sample(200, 10, 3));
        assertThat(draws.get(0)).isNotEqualTo(draws.get(1));
        assertThat(draws.get(1)).isNotEqualTo(draws.get(2));
        assertThat(draws).allSatisfy(d -> assertThat(d).hasSize(10).isSorted().doesNotHaveDuplicates());
    }
}
