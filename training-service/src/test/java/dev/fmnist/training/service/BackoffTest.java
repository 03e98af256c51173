package dev.fmnist.training.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheMaximumAndNeverEnds() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(5));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(5));
        }
        assertThat(backoff.failures()).isEqualTo(105);
    }

    @Test
    void aSuccessStartsOverFromTheInitialWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        backoff.failed();
        backoff.failed();
        backoff.succeeded();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesAWaitOfZeroOrAMaximumBelowTheInitialWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
