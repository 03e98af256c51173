package dev.fmnist.cli.console;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private static TrainingProgress midEpoch(int epoch, int batch) {
        return new TrainingProgress(
                "job-1",
                JobStatus.RUNNING,
                epoch,
                8,
                batch,
                400,
                0.51234,
                null,
                null,
                4321.0,
                30.0,
                95.0,
                null,
                null,
                null);
    }

    private static TrainingProgress epochEnd(int epoch) {
        return new TrainingProgress(
                "job-1",
                JobStatus.RUNNING,
                epoch,
                8,
                null,
                400,
                0.40001,
                0.861,
                0.8725,
                4797.0,
                13.0 * epoch,
                13.0 * (8 - epoch),
                null,
                null,
                null);
    }

    @Test
    void aBarShowsTheShareOfTheEpochLossThroughputAndEta() {
        assertThat(ProgressBar.render(midEpoch(3, 100)))
                .isEqualTo("epoch 3/8 [########......................]  25%  loss 0.5123  4,321 img/s  ETA 1m35s");
    }

    @Test
    void anEpochsEndIsAFullBarWithItsAccuracies() {
        assertThat(ProgressBar.render(epochEnd(2)))
                .isEqualTo("epoch 2/8 [##############################] 100%  loss 0.4000  train 86.1%  val 87.3%"
                        + "  4,797 img/s  26s elapsed");
    }

    @Test
    void withoutATerminalOnlyFinishedEpochsAndStatusChangesArePrintedOnce() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, "  ");

        bar.show(new TrainingProgress(
                "job-1", JobStatus.QUEUED, 0, 8, null, null, null, null, null, null, null, null, null, null, null));
        bar.show(midEpoch(1, 50));
        bar.show(epochEnd(1));
        bar.show(epochEnd(1)); // delivered twice
        bar.show(midEpoch(2, 50));
        bar.show(new TrainingProgress(
                "job-1",
                JobStatus.COMPLETED,
                8,
                8,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "fmnist-mlp-v1-abcd1234",
                null,
                null));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "  queued",
                        "  " + ProgressBar.render(epochEnd(1)),
                        "  COMPLETED: model fmnist-mlp-v1-abcd1234");
    }

    @Test
    void onATerminalTheRunningEpochIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true, "");

        bar.show(midEpoch(1, 200));
        bar.show(epochEnd(1));

        assertThat(text.toString())
                .startsWith("\r" + ProgressBar.render(midEpoch(1, 200)) + "\u001b[K")
                .endsWith("\r\u001b[K" + ProgressBar.render(epochEnd(1)) + System.lineSeparator());
    }

    @Test
    void aFailureSaysWhy() {
        assertThat(ProgressBar.status(new TrainingProgress(
                        "job-1",
                        JobStatus.FAILED,
                        2,
                        8,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "dataset read stalled",
                        null)))
                .isEqualTo("FAILED: dataset read stalled");
    }
}
