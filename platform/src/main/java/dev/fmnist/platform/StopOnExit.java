package dev.fmnist.platform;

/**
 * Runs a stop action exactly once: when its owner calls {@link #stop()}, or from a JVM shutdown hook when the owner
 * exits without doing so. Used by everything that starts processes (the platform's servers, the launched services)
 * so that none is left behind.
 */
public final class StopOnExit {

    private final Runnable action;
    private final Thread hook;
    private volatile boolean stopped;

    /**
     * Registers the shutdown hook.
     *
     * @param name   name of the hook thread
     * @param action what stopping does; runs at most once
     */
    public StopOnExit(String name, Runnable action) {
        this.action = action;
        this.hook = new Thread(this::runOnce, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs the action unless it ran already, and removes the shutdown hook. Idempotent. */
    public void stop() {
        runOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: it runs the same action once
        }
    }

    /** @return whether the action has run */
    public boolean isStopped() {
        return stopped;
    }

    private synchronized void runOnce() {
        if (stopped) {
            return;
        }
        stopped = true;
        action.run();
    }
}
