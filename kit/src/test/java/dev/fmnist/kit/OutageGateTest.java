package dev.fmnist.kit;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutageGateTest {

    private final OutageGate gate = new OutageGate(Duration.ofMillis(10), Duration.ofMillis(50));
    private final OutageReadiness readiness = new OutageReadiness(gate);

    @Test
    void waitsOutAnOutageWithReadinessDownMeanwhileThenReturnsTheResult() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch failing = new CountDownLatch(3);
        CountDownLatch back = new CountDownLatch(1);

        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> gate.call("count predictions", () -> {
            tries.incrementAndGet();
            if (back.getCount() > 0) {
                failing.countDown();
                throw new IllegalStateException(
                        "could not count", new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
            }
            return "counted";
        }));

        assertThat(failing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(readiness.call().getStatus().name()).isEqualTo("DOWN");
        assertThat(gate.paused()).singleElement().satisfies(paused -> {
            assertThat(paused.operation()).isEqualTo("count predictions");
            assertThat(paused.dependency()).isEqualTo("postgresql");
        });
        assertThat(result).isNotDone();

        back.countDown();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("counted");
        assertThat(tries.get()).isGreaterThanOrEqualTo(4);
        assertThat(gate.paused()).isEmpty();
        assertThat(readiness.call().getStatus().name()).isEqualTo("UP");
    }

    @Test
    void theWorksOwnFailurePropagatesAtOnce() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> gate.call("store", () -> {
                    tries.incrementAndGet();
                    throw new IllegalArgumentException("value too long");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value too long");
        assertThat(tries.get()).isEqualTo(1);
        assertThat(gate.paused()).isEmpty();
    }

    @Test
    void aCheckedFailureIsWrappedNotLost() {
        assertThatThrownBy(() -> gate.call("read", () -> {
                    throw new java.io.IOException("corrupt");
                }))
                .hasRootCauseInstanceOf(java.io.IOException.class)
                .hasRootCauseMessage("corrupt");
    }

    @Test
    void anAsynchronousSendIsStartedAgainUntilItIsAcknowledged() {
        AtomicInteger tries = new AtomicInteger();

        String result = gate.async(
                        "publish predictions",
                        () -> tries.incrementAndGet() < 4
                                ? CompletableFuture.<String>failedFuture(
                                        new org.apache.kafka.common.errors.TimeoutException("expired"))
                                : CompletableFuture.completedFuture("acknowledged"))
                .await()
                .atMost(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("acknowledged");
        assertThat(tries.get()).isEqualTo(4);
        assertThat(gate.paused()).isEmpty();
    }
}
