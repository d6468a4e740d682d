package dev.aiops.intent.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of a worker on a daemon thread every {@code interval}, with a fixed delay between passes. A
 * failed pass is logged and the next one retries: the work it claims lives in PostgreSQL, so nothing is lost.
 * {@link #wake()} runs a pass at once when new work was just committed, so the work does not wait for the
 * interval; the interval stays the safety net (work from another replica, retries coming due, a lost wake).
 */
public final class PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration interval;
    private final Runnable pass;
    /** A wake-up pass is queued and has not started yet: further wakes until it starts add nothing. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    private volatile ScheduledExecutorService executor;

    public PollingLoop(String name, Duration interval, Runnable pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::safePass, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void safePass() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.warn("{} pass failed; next pass retries", name, e);
        }
    }

    /**
     * Runs a pass as soon as the loop's thread is free: right away when it sleeps, right after the pass in
     * progress otherwise (which may have claimed before the new work committed). Cheap to call often.
     *
     * @return false when a wake was already queued (this one adds nothing) or the loop is stopped
     */
    public boolean wake() {
        ScheduledExecutorService current = executor;
        if (current == null || current.isShutdown() || !wakeQueued.compareAndSet(false, true)) {
            return false;
        }
        try {
            current.execute(() -> {
                wakeQueued.set(false); // a wake from now on is for work this pass may not see: queue another
                safePass();
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            wakeQueued.set(false);
            return false;
        }
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
