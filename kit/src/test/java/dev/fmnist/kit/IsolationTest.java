package dev.fmnist.kit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsolationTest {

    /** A store that commits a sub-list only when none of its records is poison, like one SQL transaction. */
    private final List<Integer> committed = new ArrayList<>();

    private int calls;

    private void store(List<Integer> part) {
        calls++;
        if (part.stream().anyMatch(i -> i % 37 == 5)) {
            throw new IllegalArgumentException("poison "
                    + part.stream().filter(i -> i % 37 == 5).findFirst().get());
        }
        committed.addAll(part);
    }

    @Test
    void handsBackExactlyThePoisonRecordsAndCommitsTheRestOnce() {
        List<Integer> batch = IntStream.range(0, 100).boxed().toList();

        List<Isolation.Failure<Integer>> failures = Isolation.isolate(batch, this::store);

        assertThat(failures).extracting(Isolation.Failure::item).containsExactly(5, 42, 79);
        assertThat(failures.get(0).cause()).hasMessage("poison 5");
        assertThat(committed).hasSize(97).doesNotHaveDuplicates().doesNotContain(5, 42, 79);
        assertThat(Isolation.reason(failures.get(0).cause()))
                .isEqualTo("processing-failed: IllegalArgumentException: poison 5");
    }

    @Test
    void aCleanBatchIsOneCall() {
        Isolation.isolate(List.of(1, 2, 3), this::store);

        assertThat(calls).isEqualTo(1);
        assertThat(committed).containsExactly(1, 2, 3);
    }

    @Test
    void anOutageIsNotMistakenForPoison() {
        assertThatThrownBy(() -> Isolation.isolate(List.of(1, 2), part -> {
                    throw new DependencyUnavailableException("postgresql", "down", null);
                }))
                .isInstanceOf(DependencyUnavailableException.class);
    }
}
