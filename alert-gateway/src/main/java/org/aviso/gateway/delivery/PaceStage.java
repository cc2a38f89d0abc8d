package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SenderAccount;

/**
 * The pacing stage of a channel's pipeline: reserves each sender's send slots, cuts the messages into provider
 * calls, and hands each call to the send pool at its slot.
 */
final class PaceStage {

    /** Suffix of the gate key that spaces the calls themselves, beside the one that spaces hand-overs. */
    private static final String CALL_GATE = "#call";

    private final WorkerContext context;
    private final SenderPacer pacer;
    private final ScheduledExecutorService dispatcher;
    private final Map<String, AtomicLong> gates;
    private final ExecutorService sendPool;

    /**
     * @param dispatcher the node's timer that waits for each call's slot
     * @param gates      per sender id, the earliest System.nanoTime() this node's next call from it may start
     * @param sendPool   the channel's threads that make the calls
     */
    PaceStage(WorkerContext context, SenderPacer pacer, ScheduledExecutorService dispatcher,
            Map<String, AtomicLong> gates, ExecutorService sendPool) {
        this.context = context;
        this.pacer = pacer;
        this.dispatcher = dispatcher;
        this.gates = gates;
        this.sendPool = sendPool;
    }

    /** Messages that go to the provider in one call, at their paced slot. */
    record Chunk(SenderAccount sender, List<OutboundMessage> messages, Instant at) {
    }

    /** Reserves each sender's slots and cuts the messages into calls so no sender goes above its rate. */
    List<Chunk> paced(SenderAccount sender, List<OutboundMessage> messages) {
        int units = messages.stream().mapToInt(OutboundMessage::segments).sum();
        SenderPacer.Slots slots = context.transactions().execute(s -> pacer.reserve(sender, units));
        List<Chunk> futures = new ArrayList<>();
        int unitsBefore = 0;
        List<OutboundMessage> chunk = new ArrayList<>();
        Instant chunkStart = null;
        for (OutboundMessage message : messages) {
            Instant start = slots.slot(unitsBefore);
            unitsBefore += message.segments();
            // a chunk goes in one call: messages whose slots fall within a few milliseconds of each other
            if (!chunk.isEmpty() && (chunk.size() >= context.notifier().maxBatch()
                    || Duration.between(chunkStart, start).toMillis() > 5)) {
                futures.add(new Chunk(sender, List.copyOf(chunk), chunkStart));
                chunk.clear();
            }
            if (chunk.isEmpty()) {
                chunkStart = start;
            }
            chunk.add(message);
        }
        if (!chunk.isEmpty()) {
            futures.add(new Chunk(sender, List.copyOf(chunk), chunkStart));
        }
        return futures;
    }

    /**
     * Hands a chunk to the send pool at its slot, never earlier, and never sooner after this node's previous message
     * from the same sender than the sender's interval allows (so a message that starts late cannot bunch up with
     * the next). Waiting happens on the dispatcher's timer, not in the send pool, so one slow sender never holds
     * threads another sender needs.
     *
     * @param send the call, run on the send pool; its result completes the returned future
     */
    <T> CompletableFuture<T> submit(Chunk chunk, Supplier<T> send) {
        SenderAccount sender = chunk.sender();
        CompletableFuture<T> result = new CompletableFuture<>();
        long spacing = spacingNanos(chunk);
        Runnable dispatch = new Runnable() {
            @Override
            public void run() {
                AtomicLong gate = gates.computeIfAbsent(sender.id(), id -> new AtomicLong(Long.MIN_VALUE));
                long now = System.nanoTime();
                long earliest = gate.get();
                if (earliest != Long.MIN_VALUE && now < earliest) {
                    dispatcher.schedule(this, earliest - now, TimeUnit.NANOSECONDS);
                    return;
                }
                gate.set(now + spacing);
                try {
                    sendPool.execute(() -> result.complete(send.get()));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    result.completeExceptionally(stopping);
                }
            }
        };
        long delay = Math.max(0, Duration.between(context.wallClock().instant(), chunk.at()).toNanos());
        try {
            dispatcher.schedule(dispatch, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            result.completeExceptionally(stopping);
        }
        return result;
    }

    /**
     * Waits, on the calling send thread, until this node may start a provider call from the chunk's sender, then
     * takes the turn. {@link #submit} spaces the hand-overs, but between hand-over and call the send stage commits
     * the "call started" mark, and a commit that is slow for one chunk and quick for the next let two calls reach the
     * provider closer than the sender's interval (the paced benchmark's busiest second went 10% over the rate). The
     * wait is at most one interval plus that jitter.
     */
    void awaitCallTurn(Chunk chunk) {
        long spacing = spacingNanos(chunk);
        AtomicLong gate = gates.computeIfAbsent(chunk.sender().id() + CALL_GATE, id -> new AtomicLong(Long.MIN_VALUE));
        while (true) {
            long now = System.nanoTime();
            long earliest = gate.get();
            if (earliest != Long.MIN_VALUE && now < earliest) {
                java.util.concurrent.locks.LockSupport.parkNanos(earliest - now);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                continue;
            }
            if (gate.compareAndSet(earliest, now + spacing)) {
                return;
            }
        }
    }

    /** How long the chunk holds its sender: the sender's interval for each segment it carries. */
    private static long spacingNanos(Chunk chunk) {
        int units = chunk.messages().stream().mapToInt(OutboundMessage::segments).sum();
        return SenderPacer.interval(chunk.sender()).toNanos() * units;
    }
}
