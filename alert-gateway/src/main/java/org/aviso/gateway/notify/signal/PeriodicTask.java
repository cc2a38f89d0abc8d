package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs one piece of background work at a fixed delay on a daemon thread of its own, from application start to
 * shutdown. A failed round is logged (by the kind of failure only) and the next one runs as planned.
 */
final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration firstRunAfter;
    private final Duration interval;
    private final Runnable work;
    private ScheduledExecutorService executor;

    /** @param firstRunAfter a JVM-based signal-cli takes seconds to start, so the first round waits a little */
    PeriodicTask(String name, Duration firstRunAfter, Duration interval, Runnable work) {
        this.name = name;
        this.firstRunAfter = firstRunAfter;
        this.interval = interval;
        this.work = work;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, firstRunAfter.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    void runSafely() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("{} failed ({}); the next round runs in {} s", name, e.getClass().getSimpleName(),
                    interval.toSeconds());
        }
    }
}
