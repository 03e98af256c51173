package dev.fmnist.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipe lifeline: acts when its pipe closes, only on processes that still carry the marker, and never after a
 * dismissal.
 */
class LifelineTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleep(String seconds) throws IOException {
        Process process = new ProcessBuilder("sleep", seconds).start();
        started.add(process);
        return process;
    }

    @Test
    void whenThePipeClosesItSignalsTheGuardedProcessesThatStillCarryTheMarker() throws IOException {
        Process guarded = sleep("600");
        Process reused = sleep("601"); // stands in for a process that got a guarded pid after its owner exited
        Lifeline lifeline = Lifeline.guard("test", List.of(guarded.pid(), reused.pid()), "600", "TERM", Duration.ZERO);

        lifeline.cut();

        await().atMost(Duration.ofSeconds(10)).until(() -> !guarded.isAlive());
        assertThat(reused.isAlive()).isTrue();
    }

    @Test
    void aProcessThatIgnoresTheFirstSignalIsKilledAfterTheGraceTime() throws IOException {
        Process stubborn =
                new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 1; done", "fmnist-stubborn").start();
        started.add(stubborn);
        Lifeline lifeline =
                Lifeline.guard("test", List.of(stubborn.pid()), "fmnist-stubborn", "TERM", Duration.ofSeconds(1));

        lifeline.cut();

        await().atMost(Duration.ofSeconds(10)).until(() -> !stubborn.isAlive());
    }

    @Test
    void aDismissedLifelineDoesNothing() throws Exception {
        Process guarded = sleep("600");
        Lifeline lifeline = Lifeline.guard("test", List.of(guarded.pid()), "600", "TERM", Duration.ZERO);

        lifeline.dismiss();
        Thread.sleep(500);

        assertThat(guarded.isAlive()).isTrue();
        assertThat(ProcessHandle.of(lifeline.pid())).isEmpty();
    }
}
