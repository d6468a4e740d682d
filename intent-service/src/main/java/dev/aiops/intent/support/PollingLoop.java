package dev.aiops.intent.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of a worker on a daemon thread every {@code interval}, with a fixed delay between passes. A
 * failed pass is logged and the next one retries: the work it claims lives in PostgreSQL, so nothing is lost.
 */
public final class PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration interval;
    private final Runnable pass;
    private ScheduledExecutorService executor;

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

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
