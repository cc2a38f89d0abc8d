package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim-send-record pass for one channel: claims due deliveries, paces them per sender, hands them to the
 * channel's notifier, and writes every outcome back. Several passes run at once on a node and across nodes;
 * the outbox's row locks keep them apart.
 *
 * <p>The stages ({@link ClaimStage}, {@link PaceStage}, {@link SendStage}, {@link RecordStage}) do the work; this
 * class wires them: it waits for the calls in flight, flushes outcomes as they come, renews the lease, and settles
 * whatever did not come back.
 */
class ChannelWorker {

    private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

    private final WorkerContext context;
    private final MessageBodies bodies;
    private final PhoneBook phones;
    private final ClaimStage claim;
    private final PaceStage pace;
    private final SendStage send;
    private final RecordStage record;
    /** Numbers this worker's claims, for their lease ids. */
    private final java.util.concurrent.atomic.AtomicLong claims = new java.util.concurrent.atomic.AtomicLong();

    ChannelWorker(WorkerContext context, MessageBodies bodies, PhoneBook phones, PaceStage pace, RecordStage record) {
        this.context = context;
        this.bodies = bodies;
        this.phones = phones;
        this.claim = new ClaimStage(context);
        this.pace = pace;
        this.send = new SendStage(context);
        this.record = record;
    }

    Channel channel() {
        return context.channel();
    }

    /** Claims and sends one batch. Returns how many deliveries it handled (0 when nothing was due). */
    int runOnce() {
        // one lease id per claim, not per node: the node's other loops claim with the same node id, and a write this
        // batch makes late (after an outage outlasted its lease and the rows were claimed again) must find them
        // someone else's, not overwrite that claim's outcome or mark its rows started
        String lease = context.owner() + "/" + claims.incrementAndGet();
        List<Outbox.Claimed> claimed = claim.claim(lease);
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        send(claimed, lease);
        return claimed.size();
    }

    private static final int FLUSH_SIZE = 100;
    private static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    /**
     * Sends a claimed batch and writes outcomes back as they come in (every 100 results or 100 ms), not only at the
     * end: a receipt can arrive moments after a send, and a paced batch can take minutes.
     */
    private void send(List<Outbox.Claimed> claimed, String lease) {
        RecordStage.Batch batch = record.batch(claimed, lease);
        Map<UUID, PhoneNumber> numbers = phones.phones(claimed.stream().map(Outbox.Claimed::personId).toList());
        List<SenderAccount> senders = context.notifier().senders();
        Map<SenderAccount, List<OutboundMessage>> bySender = new LinkedHashMap<>();
        for (Outbox.Claimed delivery : claimed) {
            SenderAccount sender = senders.get(Math.floorMod(delivery.personId().hashCode(), senders.size()));
            Optional<MessageBodies.Body> body = bodies.body(delivery.alertId(), delivery.escalationId(), delivery.messageId(),
                    delivery.language(), channel());
            PhoneNumber to = numbers.get(delivery.personId());
            if (body.isEmpty() || to == null) {
                // nothing to send: the alert's text or the person is gone (deleted or past retention)
                batch.ready(delivery.id(), new SendStage.Outcome(SendOutcome.Permanent.of(FailureReason.REJECTED),
                        sender.id(), context.clock().instant()));
                continue;
            }
            bySender.computeIfAbsent(sender, s -> new ArrayList<>()).add(new OutboundMessage(delivery.id(), sender.id(),
                    to, body.get().text(), channel() == Channel.SMS ? body.get().segments() : 1));
        }
        List<PaceStage.Chunk> chunks = new ArrayList<>();
        for (Map.Entry<SenderAccount, List<OutboundMessage>> entry : bySender.entrySet()) {
            chunks.addAll(pace.paced(entry.getKey(), entry.getValue()));
        }
        Map<Long, Instant> slots = new LinkedHashMap<>();
        Map<Long, Duration> spacing = new LinkedHashMap<>();
        for (PaceStage.Chunk chunk : chunks) {
            Duration interval = SenderPacer.interval(chunk.sender());
            for (OutboundMessage m : chunk.messages()) {
                slots.put(m.deliveryId(), chunk.at());
                spacing.put(m.deliveryId(), interval.multipliedBy(m.segments()));
            }
        }
        CallStarts starts = send.starts(slots, spacing, lease);
        List<CompletableFuture<Map<Long, SendStage.Outcome>>> pending = new ArrayList<>();
        for (PaceStage.Chunk chunk : chunks) {
            pending.add(pace.submit(chunk,
                    () -> send.sendNow(chunk.sender(), chunk.messages(), starts, () -> pace.awaitCallTurn(chunk))));
        }
        Instant lastFlush = context.wallClock().instant();
        Instant renewAt = context.wallClock().instant().plus(context.properties().lease().dividedBy(3));
        Writes flushes = new Writes("outcomes");
        Writes renewals = new Writes("lease renewal");
        while (!pending.isEmpty()) {
            try {
                CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new))
                        .get(FLUSH_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillSending) {
                // flush what is ready below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("A send task failed unexpectedly; its deliveries count as outcome unknown", e.getCause());
            }
            for (java.util.Iterator<CompletableFuture<Map<Long, SendStage.Outcome>>> it = pending.iterator(); it.hasNext();) {
                CompletableFuture<Map<Long, SendStage.Outcome>> future = it.next();
                if (future.isDone()) {
                    it.remove();
                    if (!future.isCompletedExceptionally()) {
                        batch.readyAll(future.join());
                    }
                }
            }
            Instant now = context.wallClock().instant();
            if (flushes.due() && (batch.readyCount() >= FLUSH_SIZE || batch.holdsNothingSent()
                    || (batch.readyCount() > 0 && !now.isBefore(lastFlush.plus(FLUSH_EVERY))))) {
                if (flushes.attempt(batch::flush)) {
                    lastFlush = now;
                }
            }
            if (!now.isBefore(renewAt) && renewals.due()) {
                java.util.Set<Long> unrecorded = batch.unrecorded();
                if (renewals.attempt(() -> context.transactions().executeWithoutResult(s -> context.outbox().renew(
                        unrecorded, lease, context.wallClock().instant().plus(context.properties().lease()))))) {
                    renewAt = now.plus(context.properties().lease().dividedBy(3));
                }
            }
        }
        // whatever did not come back: outcome unknown if its call may have started (a task that blew up), back to
        // the queue if it never did (the node is stopping and the task never ran)
        for (Long id : batch.ids()) {
            if (!batch.settled(id)) {
                batch.ready(id, starts.started(id) ? null : new SendStage.Outcome(new SendOutcome.Retryable(
                        FailureReason.NETWORK_ERROR, Duration.ZERO), null, context.clock().instant()));
            }
        }
        flushUntilWritten(batch, flushes);
    }

    /**
     * The last flush of a batch, tried until it lands: what it holds (which messages the providers took, with their
     * references) exists nowhere else. Dropped, those rows were reclaimed as "outcome unknown", their receipts matched
     * nothing, and the people got SMS too (fault suite, PostgreSQL restart during a flush: 147 families on two
     * channels). Written late, it still lands: the outbox takes our outcome over a reclaimer's "unknown" (a row
     * claimed again since is not ours and is left alone). A node that is stopping makes one more try and gives up.
     */
    private void flushUntilWritten(RecordStage.Batch batch, Writes flushes) {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // the pool refuses to wait for a connection on an interrupted thread: try without the flag, then
                // put it back for whoever stops us
                Thread.interrupted();
                try {
                    if (!flushes.attempt(batch::flush)) {
                        log.error("Stopping with {} {} outcomes not written; the reclaimer will count them as outcome "
                                + "unknown", batch.readyCount(), channel());
                    }
                } finally {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (flushes.due() && flushes.attempt(batch::flush)) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, flushes.untilNextTry().toMillis()));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A database write that may fail while PostgreSQL restarts or the network drops: tried again after
     * {@link DatabaseOutage#waitAfter} (on the monotonic clock, without blocking the batch's loop), with one warning per outage rather than one per try. Any
     * other failure is thrown, as before: retried, a bug would hold the batch for good.
     */
    private final class Writes {

        private final String what;
        private int failures;
        private long nextTryNanos;

        Writes(String what) {
            this.what = what;
        }

        boolean due() {
            return failures == 0 || System.nanoTime() - nextTryNanos >= 0;
        }

        Duration untilNextTry() {
            return failures == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, nextTryNanos - System.nanoTime()));
        }

        /** Runs the write; false (and a later next try) if the database could not be reached. */
        boolean attempt(Runnable write) {
            try {
                write.run();
            } catch (RuntimeException e) {
                if (!DatabaseOutage.isOutage(e)) {
                    throw e;
                }
                failures++;
                nextTryNanos = System.nanoTime() + DatabaseOutage.waitAfter(failures).toNanos();
                if (failures == 1) {
                    // the class only: a database error's message can quote the values it was given
                    log.warn("Could not write {} {} to the database ({}); trying again until it takes them",
                            channel(), what, e.getClass().getSimpleName());
                }
                return false;
            }
            if (failures > 0) {
                log.info("Wrote {} {} to the database after {} failed tries", channel(), what, failures);
            }
            failures = 0;
            return true;
        }
    }
}
