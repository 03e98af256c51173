package dev.fmnist.cli.console;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.TrainingProgress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A per-epoch progress bar of a training job, drawn from {@code fmnist.training.progress}. On a terminal the bar of
 * the running epoch is redrawn in place as batches go by; every finished epoch stays as one line with its loss and
 * accuracies. Without a terminal only the finished epochs are printed.
 */
public final class ProgressBar {

    /** Characters of the bar itself. */
    public static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final String indent;
    private boolean lineOpen;
    private int lastEpochPrinted;

    /**
     * @param terminal whether {@code out} is a terminal (redraw with carriage returns)
     * @param indent   prefix of every line
     */
    public ProgressBar(PrintWriter out, boolean terminal, String indent) {
        this.out = out;
        this.terminal = terminal;
        this.indent = indent;
    }

    /** Shows one progress event. */
    public void show(TrainingProgress progress) {
        boolean epochEnd = progress.status() == JobStatus.RUNNING && progress.batch() == null && progress.epoch() > 0;
        if (progress.status() == JobStatus.RUNNING && !epochEnd) {
            if (terminal) {
                out.print("\r" + indent + render(progress) + "\u001b[K");
                out.flush();
                lineOpen = true;
            }
            return;
        }
        if (epochEnd) {
            if (progress.epoch() <= lastEpochPrinted) {
                return;
            }
            lastEpochPrinted = progress.epoch();
        }
        finishLine();
        if (epochEnd) {
            out.println(indent + render(progress));
        } else if (progress.status() != JobStatus.QUEUED || progress.message() != null) {
            out.println(indent + status(progress));
        } else {
            out.println(indent + "queued");
        }
        out.flush();
    }

    /** Ends a line that is being redrawn, if any. */
    public void finishLine() {
        if (lineOpen) {
            out.print("\r\u001b[K");
            out.flush();
            lineOpen = false;
        }
    }

    /** @return {@code epoch 3/8 [#########.....]  45%  loss 0.4123  train 85.1%  val 86.2%  2,345 img/s  ETA 1m10s} */
    public static String render(TrainingProgress p) {
        double fraction = fraction(p);
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "epoch %d/%d [", Math.max(p.epoch(), 1), p.totalEpochs()))
                .append("#".repeat(filled))
                .append(".".repeat(WIDTH - filled))
                .append("] ")
                .append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)));
        if (p.loss() != null) {
            line.append(String.format(Locale.ROOT, "  loss %.4f", p.loss()));
        }
        if (p.trainAccuracy() != null) {
            line.append(String.format(Locale.ROOT, "  train %.1f%%", p.trainAccuracy() * 100));
        }
        if (p.validationAccuracy() != null) {
            line.append(String.format(Locale.ROOT, "  val %.1f%%", p.validationAccuracy() * 100));
        }
        if (p.imagesPerSecond() != null) {
            line.append("  ")
                    .append(Format.count(Math.round(p.imagesPerSecond())))
                    .append(" img/s");
        }
        if (p.etaSeconds() != null && p.batch() != null) {
            line.append("  ETA ").append(Format.duration(p.etaSeconds()));
        } else if (p.elapsedSeconds() != null) {
            line.append("  ").append(Format.duration(p.elapsedSeconds())).append(" elapsed");
        }
        return line.toString();
    }

    /** @return a status line such as {@code COMPLETED: model fmnist-mlp-v1-1a2b3c4d} or {@code FAILED: reason} */
    public static String status(TrainingProgress p) {
        StringBuilder line = new StringBuilder(p.status().name());
        if (p.modelId() != null) {
            line.append(": model ").append(p.modelId());
        }
        if (p.message() != null && !p.message().isBlank()) {
            line.append(p.modelId() != null ? " (" + p.message() + ")" : ": " + p.message());
        }
        return line.toString();
    }

    /** Share of the epoch done: batch / batches per epoch mid-epoch, 1 at the epoch's end. */
    static double fraction(TrainingProgress p) {
        if (p.batch() == null) {
            return p.epoch() > 0 ? 1.0 : 0.0;
        }
        if (p.batchesPerEpoch() == null || p.batchesPerEpoch() <= 0) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(0.0, p.batch() / (double) p.batchesPerEpoch()));
    }
}
