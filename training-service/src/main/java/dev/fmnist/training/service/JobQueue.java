package dev.fmnist.training.service;

import dev.fmnist.training.config.TrainingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * This instance's job queue and its single worker thread: jobs run one at a time, in arrival order, each as a
 * {@link TrainingRun}. A running job stops at its next batch when it is cancelled here or, on any instance, through
 * the job table ({@link JobStore#cancelRequested}, looked at once a second).
 */
@ApplicationScoped
public class JobQueue {

    private static final Logger LOG = Logger.getLogger(JobQueue.class);
    private static final long CANCEL_POLL_NANOS = 1_000_000_000L;

    private final TrainingRun run;
    private final JobStore jobs;
    private final BlockingQueue<String> queue;
    private volatile String current;
    private volatile boolean cancelCurrent;
    private volatile Thread worker;
    private volatile boolean stopping;
    private long lastCancelPoll;

    public JobQueue(TrainingRun run, JobStore jobs, TrainingConfig config, MeterRegistry meters) {
        this.run = run;
        this.jobs = jobs;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        meters.gauge("fmnist.training.queue.size", queue, BlockingQueue::size);
    }

    /** Starts the worker thread (idempotent). */
    public synchronized void start() {
        if (worker == null) {
            worker = new Thread(this::work, "training-worker");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Stops the worker thread; a running job is cancelled. */
    public synchronized void stop() {
        if (worker != null) {
            stopping = true;
            cancelCurrent = true;
            worker.interrupt();
            worker = null;
        }
    }

    /** @return false when the queue is full */
    public boolean enqueue(String jobId) {
        return queue.offer(jobId);
    }

    /** @return jobs waiting */
    public int queued() {
        return queue.size();
    }

    /** @return the job running now, if any */
    public Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** Asks the running job to stop, if it is {@code jobId}. */
    public void cancel(String jobId) {
        if (jobId.equals(current)) {
            cancelCurrent = true;
        }
    }

    private void work() {
        TrainingRun.Control control = new TrainingRun.Control() {
            @Override
            public boolean cancelled() {
                return JobQueue.this.cancelled();
            }

            @Override
            public boolean stopping() {
                return stopping;
            }
        };
        while (!Thread.currentThread().isInterrupted()) {
            String jobId;
            try {
                jobId = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (jobId == null) {
                continue;
            }
            current = jobId;
            cancelCurrent = false;
            try {
                run.run(jobId, control);
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s could not be recorded", jobId);
            } finally {
                current = null;
            }
        }
    }

    private boolean cancelled() {
        if (cancelCurrent) {
            return true;
        }
        long now = System.nanoTime();
        String running = current;
        if (now - lastCancelPoll > CANCEL_POLL_NANOS && running != null) {
            lastCancelPoll = now;
            cancelCurrent = jobs.cancelRequested(running);
        }
        return cancelCurrent;
    }
}
