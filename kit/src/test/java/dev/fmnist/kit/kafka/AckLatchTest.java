package dev.fmnist.kit.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AckLatchTest {

    @Test
    void completesOnlyWhenEverySendIsAcknowledged() throws Exception {
        List<Long> progress = new ArrayList<>();
        AckLatch latch = new AckLatch(progress::add);
        Callback first = latch.callback();
        Callback second = latch.callback();
        first.onCompletion(null, null);

        assertThat(latch.await(Duration.ofMillis(100))).isFalse();

        CompletableFuture.runAsync(() -> second.onCompletion(null, null));
        assertThat(latch.await(Duration.ofSeconds(5))).isTrue();
        assertThat(latch.acknowledged()).isEqualTo(2);
        assertThat(progress).containsExactly(1L, 2L);
        assertThat(latch.failure()).isNull();
    }

    @Test
    void keepsTheFirstFailure() {
        AckLatch latch = new AckLatch();
        latch.callback().onCompletion(null, new IllegalStateException("first"));
        latch.callback().onCompletion(null, new IllegalStateException("second"));

        assertThat(latch.await(Duration.ofSeconds(1))).isTrue();
        assertThat(latch.failure()).hasMessage("first");
        assertThat(latch.acknowledged()).isZero();
    }

    @Test
    void nothingSentIsAlreadyComplete() {
        assertThat(new AckLatch().await(Duration.ZERO)).isTrue();
    }

    @Test
    void aSealedLatchCompletesItsFutureOnTheLastAcknowledgementOrWithTheFirstFailure() {
        AckLatch latch = new AckLatch();
        Callback first = latch.callback();
        Callback second = latch.callback();
        CompletableFuture<Void> done = latch.seal();
        first.onCompletion(null, null);

        assertThat(done).isNotDone();
        second.onCompletion(null, null);
        assertThat(done).isCompleted();

        AckLatch failing = new AckLatch();
        Callback ok = failing.callback();
        Callback broken = failing.callback();
        CompletableFuture<Void> failed = failing.seal();
        broken.onCompletion(null, new IllegalStateException("not acknowledged"));
        assertThat(failed).as("waits for every send").isNotDone();
        ok.onCompletion(null, null);
        assertThat(failed).isCompletedExceptionally();
        assertThat(failing.failure()).hasMessage("not acknowledged");

        assertThat(new AckLatch().seal()).as("nothing sent").isCompleted();
    }
}
