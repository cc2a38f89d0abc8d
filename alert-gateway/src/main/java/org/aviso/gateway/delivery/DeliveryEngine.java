package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the pipeline on this node: per channel, a few claim-send-record loops; the recipient tracker; the page
 * escalation ticker; and the reclaimer that takes back leases of nodes that died. Every loop is stateless and
 * shares work with other nodes through row locks, so any number of nodes can run on one PostgreSQL.
 */
public class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final List<ChannelWorker> workers;
    private final RecipientTracker tracker;
    private final List<Tickable> tickables;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Clock wallClock;
    private final String nodeId;
    private final List<Thread> threads = new ArrayList<>();
    private final List<ExecutorService> pools;
    private final InboundEventHandler receipts;
    private final UnknownOutcomes unknownOutcomes;
    private final WorkBell bell;
    private volatile boolean running;
    private boolean commandMode;

    /** Other periodic work driven by the same loop (page escalations). */
    public interface Tickable {
        /** Does what is due; returns how much it did (0 when idle). */
        int tick();
    }

    DeliveryEngine(List<ChannelWorker> workers, RecipientTracker tracker, List<Tickable> tickables, Outbox outbox,
            JdbcClient jdbc, DeliveryMetrics metrics, DeliveryProperties properties, TransactionTemplate transactions,
            Clock clock, Clock wallClock, String nodeId, List<ExecutorService> pools, InboundEventHandler receipts,
            UnknownOutcomes unknownOutcomes, WorkBell bell) {
        this.bell = bell;
        this.workers = workers;
        this.tracker = tracker;
        this.tickables = tickables;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.wallClock = wallClock;
        this.nodeId = nodeId;
        this.pools = pools;
        this.receipts = receipts;
        this.unknownOutcomes = unknownOutcomes;
    }

    /** Administrator commands run once and exit; they must not start sending. */
    void commandMode(boolean commandMode) {
        this.commandMode = commandMode;
    }

    static String newNodeId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!properties.enabled() || commandMode) {
            log.info("Delivery workers are off on this node ({})",
                    commandMode ? "an administrator command is running" : "aviso.delivery.enabled=false");
            return;
        }
        running = true;
        for (ChannelWorker worker : workers) {
            for (int i = 0; i < properties.workersPerChannel(); i++) {
                spawn("aviso-" + worker.channel().name().toLowerCase() + "-" + i, worker::runOnce,
                        WorkBell.Work.DELIVERIES);
            }
        }
        for (int i = 0; i < 2; i++) {
            spawn("aviso-tracker-" + i, () -> tracker.runOnce(properties.trackBatchSize()), WorkBell.Work.TRACKS);
        }
        spawn("aviso-escalations", () -> tickables.stream().mapToInt(Tickable::tick).sum(), null);
        spawn("aviso-reclaimer", this::housekeeping, null);
        log.info("Delivery engine started on node {} with {} channel(s)", nodeId, workers.size());
    }

    /** @param wakesOn work whose bell cuts this loop's idle wait short (null: it polls only) */
    private void spawn(String name, IntSupplier pass, WorkBell.Work wakesOn) {
        Thread thread = new Thread(() -> loop(name, pass, wakesOn), name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void loop(String name, IntSupplier pass, WorkBell.Work wakesOn) {
        long idleMillis = properties.idlePoll().toMillis();
        while (running) {
            // read before the pass: a ring while it runs (work it may have missed) ends the idle wait at once
            long rings = wakesOn == null ? 0 : bell.rings(wakesOn);
            int done;
            try {
                done = pass.getAsInt();
            } catch (RuntimeException e) {
                // the database may be restarting; keep the loop alive and try again shortly
                log.warn("{} pass failed: {}", name, e.getClass().getSimpleName(), e);
                done = 0;
                idleMillis = Math.min(idleMillis * 2, 5_000);
            }
            if (done == 0) {
                if (wakesOn == null) {
                    sleep(idleMillis);
                } else {
                    try {
                        bell.await(wakesOn, rings, idleMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            } else {
                idleMillis = properties.idlePoll().toMillis();
            }
        }
    }

    private Instant lastHousekeeping = Instant.EPOCH;

    private int housekeeping() {
        Instant now = wallClock.instant();
        if (Duration.between(lastHousekeeping, now).compareTo(Duration.ofSeconds(5)) < 0) {
            return 0;
        }
        lastHousekeeping = now;
        Outbox.Reclaimed reclaimed = transactions.execute(s -> outbox.reclaimExpired(wallClock.instant(),
                clock.instant()));
        receipts.sweepPendingReceipts();
        if (reclaimed != null && reclaimed.requeued() > 0) {
            log.warn("Reclaimed {} deliveries whose sending node stopped before calling the provider; they are sent "
                    + "now", reclaimed.requeued());
        }
        if (reclaimed != null && reclaimed.unknown() > 0) {
            log.warn("Reclaimed {} deliveries whose sending node stopped during the provider call; their outcome is "
                    + "unknown: Signal waits for a late receipt, SMS is looked up at the provider", reclaimed.unknown());
        }
        settleUnknownOutcomes();
        record Queue(long depth, java.sql.Timestamp oldest) {
        }
        Queue queue = jdbc.sql("select count(*), min(created_at) from delivery where status = 'QUEUED'")
                .query((rs, n) -> new Queue(rs.getLong(1), rs.getTimestamp(2))).single();
        metrics.queue(queue.depth(), queue.oldest() == null ? 0
                : Math.max(0, Duration.between(queue.oldest().toInstant(), clock.instant()).toSeconds()));
        return 0;
    }

    /**
     * Runs every loop in this thread until nothing is due, for tests and commands that drive time themselves.
     * Returns how many passes did something.
     */
    public int runUntilIdle() {
        int total = 0;
        for (int round = 0; round < 10_000; round++) {
            int done = tracker.runOnce(properties.trackBatchSize());
            for (Tickable tickable : tickables) {
                done += tickable.tick();
            }
            for (ChannelWorker worker : workers) {
                done += worker.runOnce();
            }
            done += settleUnknownOutcomes();
            if (done == 0) {
                return total;
            }
            total += done;
        }
        throw new IllegalStateException("The delivery pipeline did not settle");
    }

    /** Asks the provider about unknown SMS outcomes while batches keep settling some. Returns how many settled. */
    private int settleUnknownOutcomes() {
        int settled = 0;
        for (int round = 0; round < 50; round++) {
            UnknownOutcomes.Settled batch = unknownOutcomes.runOnce();
            int done = batch.found() + batch.requeued();
            settled += done;
            if (done == 0) {
                break;
            }
        }
        return settled;
    }

    /** Reclaims expired leases now (tests of crash recovery). Returns how many deliveries were reclaimed. */
    public int reclaimExpiredLeases() {
        Outbox.Reclaimed reclaimed = transactions.execute(s -> outbox.reclaimExpired(wallClock.instant(),
                clock.instant()));
        return reclaimed == null ? 0 : reclaimed.total();
    }

    public String nodeId() {
        return nodeId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets each loop finish the batch in hand and write its outcomes down before the database goes away: a send
     * that went out but was never recorded would count as "outcome unknown" and fall back to SMS needlessly.
     * Loops still busy after the grace period are interrupted; a lease reclaims their rows later.
     */
    @Override
    public void stop() {
        running = false;
        long graceNanos = System.nanoTime() + properties.lease().dividedBy(2).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (graceNanos - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        threads.clear();
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the web server and everything else, stop first
        return Integer.MAX_VALUE - 100;
    }

    static ExecutorService sendPool(String channel, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "aviso-send-" + channel + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}
