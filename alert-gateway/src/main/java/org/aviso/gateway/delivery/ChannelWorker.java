package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * One claim-send-record pass for one channel: claims due deliveries, paces them per sender, hands them to the
 * channel's notifier, and writes every outcome back. Several passes run at once on a node and across nodes;
 * the outbox's row locks keep them apart.
 */
class ChannelWorker {

    private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

    private final Notifier notifier;
    private final Outbox outbox;
    private final SenderPacer pacer;
    private final MessageBodies bodies;
    private final PhoneBook phones;
    private final OutcomeEffects effects;
    private final BlindIndex blindIndex;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Clock wallClock;
    private final ExecutorService sendPool;
    private final String owner;
    private final InboundEventHandler receipts;
    private final java.util.concurrent.ScheduledExecutorService dispatcher;
    private final Map<String, AtomicLong> gates;

    ChannelWorker(Notifier notifier, Outbox outbox, SenderPacer pacer, MessageBodies bodies, PhoneBook phones,
            OutcomeEffects effects, BlindIndex blindIndex, DeliveryProperties properties, DeliveryMetrics metrics,
            TransactionTemplate transactions, Clock clock, Clock wallClock, ExecutorService sendPool, String owner,
            InboundEventHandler receipts, java.util.concurrent.ScheduledExecutorService dispatcher,
            Map<String, AtomicLong> gates) {
        this.notifier = notifier;
        this.outbox = outbox;
        this.pacer = pacer;
        this.bodies = bodies;
        this.phones = phones;
        this.effects = effects;
        this.blindIndex = blindIndex;
        this.properties = properties;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
        this.wallClock = wallClock;
        this.sendPool = sendPool;
        this.owner = owner;
        this.receipts = receipts;
        this.dispatcher = dispatcher;
        this.gates = gates;
    }

    Channel channel() {
        return notifier.channel();
    }

    /** Claims and sends one batch. Returns how many deliveries it handled (0 when nothing was due). */
    int runOnce() {
        List<Outbox.Claimed> claimed = transactions.execute(status -> outbox.claim(channel(), claimSize(), owner,
                clock.instant(), wallClock.instant().plus(properties.lease())));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        send(claimed);
        return claimed.size();
    }

    /**
     * A paced sender must not claim more than it can send within its lease, or a slow batch would outlive it and
     * be taken for the work of a dead node.
     */
    private int claimSize() {
        double rate = notifier.senders().stream().mapToDouble(SenderAccount::ratePerSecond).sum();
        long affordable = (long) Math.floor(rate * properties.lease().toSeconds() / 4.0);
        return (int) Math.max(1, Math.min(properties.batchSize(), affordable));
    }

    /** What one send came to, with the sender it used and when the provider answered. */
    record Outcome(SendOutcome outcome, String sender, Instant at) {

        /** A row whose lease this node lost before calling the provider: nothing to record. */
        static final Outcome NOT_OURS = new Outcome(null, null, null);
    }

    private static final int FLUSH_SIZE = 100;
    private static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    /**
     * Sends a claimed batch and writes outcomes back as they come in (every 100 results or 100 ms), not only at the
     * end: a receipt can arrive moments after a send, and a paced batch can take minutes.
     */
    private void send(List<Outbox.Claimed> claimed) {
        Map<Long, Outbox.Claimed> byId = new LinkedHashMap<>();
        claimed.forEach(c -> byId.put(c.id(), c));
        Map<UUID, PhoneNumber> numbers = phones.phones(claimed.stream().map(Outbox.Claimed::personId).toList());
        List<SenderAccount> senders = notifier.senders();
        Map<Long, Outcome> ready = new LinkedHashMap<>();
        Map<SenderAccount, List<OutboundMessage>> bySender = new LinkedHashMap<>();
        for (Outbox.Claimed delivery : claimed) {
            SenderAccount sender = senders.get(Math.floorMod(delivery.personId().hashCode(), senders.size()));
            Optional<MessageBodies.Body> body = bodies.body(delivery.alertId(), delivery.escalationId(), delivery.messageId(),
                    delivery.language(), channel());
            PhoneNumber to = numbers.get(delivery.personId());
            if (body.isEmpty() || to == null) {
                // nothing to send: the alert's text or the person is gone (deleted or past retention)
                ready.put(delivery.id(), new Outcome(SendOutcome.Permanent.of(FailureReason.REJECTED), sender.id(),
                        clock.instant()));
                continue;
            }
            bySender.computeIfAbsent(sender, s -> new ArrayList<>()).add(new OutboundMessage(delivery.id(), sender.id(),
                    to, body.get().text(), channel() == Channel.SMS ? body.get().segments() : 1));
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Map.Entry<SenderAccount, List<OutboundMessage>> entry : bySender.entrySet()) {
            chunks.addAll(paced(entry.getKey(), entry.getValue()));
        }
        Map<Long, Instant> slots = new LinkedHashMap<>();
        chunks.forEach(chunk -> chunk.messages().forEach(m -> slots.put(m.deliveryId(), chunk.at())));
        CallStarts starts = new CallStarts(slots, START_WINDOW, properties.sendConcurrency(), ids -> transactions.execute(
                status -> outbox.markCallStarted(ids, owner, clock.instant())));
        List<CompletableFuture<Map<Long, Outcome>>> pending = new ArrayList<>();
        for (Chunk chunk : chunks) {
            pending.add(submit(chunk.sender(), chunk.messages(), chunk.at(), starts));
        }
        Set<Long> recorded = new HashSet<>();
        Instant lastFlush = wallClock.instant();
        Instant renewAt = wallClock.instant().plus(properties.lease().dividedBy(3));
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
            for (java.util.Iterator<CompletableFuture<Map<Long, Outcome>>> it = pending.iterator(); it.hasNext();) {
                CompletableFuture<Map<Long, Outcome>> future = it.next();
                if (future.isDone()) {
                    it.remove();
                    if (!future.isCompletedExceptionally()) {
                        ready.putAll(future.join());
                    }
                }
            }
            Instant now = wallClock.instant();
            if (ready.size() >= FLUSH_SIZE || (!ready.isEmpty() && !now.isBefore(lastFlush.plus(FLUSH_EVERY)))) {
                flush(byId, ready, recorded);
                lastFlush = now;
            }
            if (!now.isBefore(renewAt)) {
                Set<Long> unrecorded = new HashSet<>(byId.keySet());
                unrecorded.removeAll(recorded);
                transactions.executeWithoutResult(s -> outbox.renew(unrecorded, owner,
                        wallClock.instant().plus(properties.lease())));
                renewAt = now.plus(properties.lease().dividedBy(3));
            }
        }
        // whatever did not come back: outcome unknown if its call may have started (a task that blew up), back to
        // the queue if it never did (the node is stopping and the task never ran)
        for (Long id : byId.keySet()) {
            if (!recorded.contains(id) && !ready.containsKey(id)) {
                ready.put(id, starts.started(id) ? null : new Outcome(new SendOutcome.Retryable(
                        FailureReason.NETWORK_ERROR, Duration.ZERO), null, clock.instant()));
            }
        }
        flush(byId, ready, recorded);
    }

    private void flush(Map<Long, Outbox.Claimed> byId, Map<Long, Outcome> ready, Set<Long> recorded) {
        if (ready.isEmpty()) {
            return;
        }
        List<Outbox.Claimed> deliveries = new ArrayList<>();
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        ready.forEach((id, outcome) -> {
            deliveries.add(byId.get(id));
            outcomes.put(id, outcome);
        });
        record(deliveries, outcomes);
        recorded.addAll(ready.keySet());
        ready.clear();
    }

    /** Messages that go to the provider in one call, at their paced slot. */
    record Chunk(SenderAccount sender, List<OutboundMessage> messages, Instant at) {
    }

    /**
     * Rows whose slot falls this soon are marked "call started" together (one commit), so a fast channel does not
     * pay one commit per message and a crash leaves at most this much of the batch as "outcome unknown" uncalled.
     */
    // 20 ms: at the paced rates of real senders (a few messages a second) a mark covers only the call being made; at
    // benchmark rates (thousands a second) it still groups a hundred rows per commit. With 100 ms, a kill at 40
    // messages a second left rows marked that were never called: an unknown Signal row is never sent again, so a
    // family whose SMS Twilio refused got nothing (fault suite, 1 family in 2 of 4 kill trials).
    static final Duration START_WINDOW = Duration.ofMillis(20);

    /** Reserves each sender's slots and cuts the messages into calls so no sender goes above its rate. */
    private List<Chunk> paced(SenderAccount sender, List<OutboundMessage> messages) {
        int units = messages.stream().mapToInt(OutboundMessage::segments).sum();
        SenderPacer.Slots slots = transactions.execute(s -> pacer.reserve(sender, units));
        List<Chunk> futures = new ArrayList<>();
        int unitsBefore = 0;
        List<OutboundMessage> chunk = new ArrayList<>();
        Instant chunkStart = null;
        for (OutboundMessage message : messages) {
            Instant start = slots.slot(unitsBefore);
            unitsBefore += message.segments();
            // a chunk goes in one call: messages whose slots fall within a few milliseconds of each other
            if (!chunk.isEmpty() && (chunk.size() >= notifier.maxBatch()
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
     */
    private CompletableFuture<Map<Long, Outcome>> submit(SenderAccount sender, List<OutboundMessage> chunk, Instant at,
            CallStarts starts) {
        CompletableFuture<Map<Long, Outcome>> result = new CompletableFuture<>();
        int units = chunk.stream().mapToInt(OutboundMessage::segments).sum();
        long spacing = SenderPacer.interval(sender).toNanos() * units;
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
                    sendPool.execute(() -> result.complete(sendNow(sender, chunk, starts)));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    result.completeExceptionally(stopping);
                }
            }
        };
        long delay = Math.max(0, Duration.between(wallClock.instant(), at).toNanos());
        try {
            dispatcher.schedule(dispatch, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            result.completeExceptionally(stopping);
        }
        return result;
    }

    private Map<Long, Outcome> sendNow(SenderAccount sender, List<OutboundMessage> claimedChunk, CallStarts starts) {
        Map<Long, Outcome> result = new LinkedHashMap<>();
        Set<Long> admitted;
        try {
            admitted = starts.admit(claimedChunk.stream().map(OutboundMessage::deliveryId).toList(), wallClock.instant());
        } catch (RuntimeException databaseDown) {
            // nothing was called: these go back to the queue (if the database is back to record it) or to a reclaimer
            log.warn("Could not write down that {} {} sends start; not sending them now ({})", claimedChunk.size(),
                    channel(), databaseDown.getClass().getSimpleName());
            for (OutboundMessage message : claimedChunk) {
                result.put(message.deliveryId(), new Outcome(new SendOutcome.Retryable(FailureReason.NETWORK_ERROR,
                        Duration.ZERO), sender.id(), clock.instant()));
            }
            return result;
        }
        List<OutboundMessage> chunk = new ArrayList<>();
        for (OutboundMessage message : claimedChunk) {
            if (admitted.contains(message.deliveryId())) {
                chunk.add(message);
            } else {
                // another node holds it now (our lease ran out): not ours to send or record
                result.put(message.deliveryId(), Outcome.NOT_OURS);
            }
        }
        if (chunk.isEmpty()) {
            return result;
        }
        Map<Long, SendOutcome> outcomes;
        try {
            outcomes = chunk.size() == 1
                    ? Map.of(chunk.get(0).deliveryId(), notifier.send(chunk.get(0)))
                    : notifier.sendAll(chunk);
        } catch (RuntimeException bug) {
            // a notifier must not throw; if one does, we cannot know whether the provider got the message
            log.error("The {} notifier threw instead of classifying; treating {} sends as outcome unknown",
                    channel(), chunk.size(), bug);
            outcomes = Map.of();
        }
        Instant answered = clock.instant();
        for (OutboundMessage message : chunk) {
            SendOutcome outcome = outcomes.get(message.deliveryId());
            result.put(message.deliveryId(), new Outcome(outcome != null ? outcome
                    : SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN), sender.id(), answered));
        }
        return result;
    }

    private void record(List<Outbox.Claimed> claimed, Map<Long, Outcome> outcomes) {
        Instant now = clock.instant();
        List<Outbox.Result> results = new ArrayList<>();
        Set<Long> wake = new HashSet<>();
        List<OutcomeEffects.Effect> sideEffects = new ArrayList<>();
        Map<Long, Instant> acceptedAt = new LinkedHashMap<>();
        for (Outbox.Claimed delivery : claimed) {
            Outcome outcome = outcomes.get(delivery.id());
            if (outcome == Outcome.NOT_OURS) {
                continue;
            }
            SendOutcome sent = outcome == null ? SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN) : outcome.outcome();
            String sender = outcome == null ? null : outcome.sender();
            Instant sentAt = outcome == null ? now : outcome.at();
            metrics.sendOutcome(channel(), sent);
            if (sent instanceof SendOutcome.Accepted accepted) {
                if (channel() == Channel.SIGNAL) {
                    acceptedAt.put(delivery.trackId(), sentAt);
                }
                byte[] aci = accepted.recipientAci().map(a -> blindIndex.of("aci", a)).orElse(null);
                results.add(new Outbox.Result(delivery.id(), "SENT", sender, accepted.providerRef(), aci, null, sentAt, null));
                if (aci != null) {
                    sideEffects.add(new OutcomeEffects.SignalAccount(delivery.personId(), aci));
                }
            } else if (sent instanceof SendOutcome.Retryable retry) {
                if (delivery.attempts() >= properties.maxAttempts()) {
                    results.add(new Outbox.Result(delivery.id(), "FAILED", sender, null, null, retry.reason().name(), null, null));
                    wake.add(delivery.trackId());
                } else {
                    Duration wait = max(retry.retryAfter(), backoff(delivery.attempts()));
                    results.add(new Outbox.Result(delivery.id(), "QUEUED", sender, null, null, retry.reason().name(),
                            null, now.plus(wait)));
                    if (retry.reason() == FailureReason.RATE_LIMITED && sender != null) {
                        transactions.executeWithoutResult(s -> pacer.pauseUntil(sender,
                                wallClock.instant().plus(retry.retryAfter())));
                    }
                }
            } else {
                SendOutcome.Permanent failed = (SendOutcome.Permanent) sent;
                String status = failed.reason() == FailureReason.OUTCOME_UNKNOWN ? "UNKNOWN" : "FAILED";
                results.add(new Outbox.Result(delivery.id(), status, sender, null, null, failed.reason().name(), sentAt, null));
                wake.add(delivery.trackId());
                sideEffects.add(new OutcomeEffects.Failed(delivery, failed.reason(), failed.detail(), sender));
            }
        }
        List<String> signalRefs = channel() == Channel.SIGNAL
                ? results.stream().filter(r -> "SENT".equals(r.status())).map(Outbox.Result::providerRef).toList()
                : List.of();
        transactions.executeWithoutResult(s -> {
            outbox.record(results, owner);
            outbox.wakeTracks(wake, now);
            outbox.checkAtReceiptDeadline(acceptedAt);
            effects.apply(sideEffects);
            receipts.applyPendingReceipts(signalRefs);
        });
        if (!signalRefs.isEmpty()) {
            // a receipt written down while we were recording was invisible to us until now (see signalReceipt)
            transactions.executeWithoutResult(s -> receipts.applyPendingReceipts(signalRefs));
        }
    }

    private Duration backoff(int attempts) {
        long base = properties.retryBase().toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        long capped = Math.min(base, properties.retryMax().toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, capped / 4) + 1);
        return Duration.ofMillis(capped + jitter);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
