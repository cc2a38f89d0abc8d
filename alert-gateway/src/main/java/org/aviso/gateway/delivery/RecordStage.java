package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.aviso.core.common.Channel;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record stage of a channel's pipeline: turns send outcomes into outbox rows (sent, retried with backoff,
 * failed, unknown) with their side effects, in one transaction per flush.
 */
final class RecordStage {

    private static final Logger log = LoggerFactory.getLogger(RecordStage.class);

    private final WorkerContext context;
    private final SenderPacer pacer;
    private final DeliveryMetrics metrics;
    private final BlindIndex blindIndex;
    private final OutcomeEffects effects;
    private final InboundEventHandler receipts;

    RecordStage(WorkerContext context, SenderPacer pacer, DeliveryMetrics metrics, BlindIndex blindIndex,
            OutcomeEffects effects, InboundEventHandler receipts) {
        this.context = context;
        this.pacer = pacer;
        this.metrics = metrics;
        this.blindIndex = blindIndex;
        this.effects = effects;
        this.receipts = receipts;
    }

    /** The bookkeeping of one claimed batch: outcomes ready to be written, and the rows already written. */
    Batch batch(List<Outbox.Claimed> claimed) {
        return batch(claimed, context.owner());
    }

    /** The same, for a batch claimed under {@code lease}: its outcomes are written only to rows that claim holds. */
    Batch batch(List<Outbox.Claimed> claimed, String lease) {
        return new Batch(claimed, lease);
    }

    final class Batch {

        private final Map<Long, Outbox.Claimed> byId = new LinkedHashMap<>();
        private final Map<Long, SendStage.Outcome> ready = new LinkedHashMap<>();
        private final Set<Long> recorded = new HashSet<>();
        private final String lease;

        private Batch(List<Outbox.Claimed> claimed, String lease) {
            this.lease = lease;
            claimed.forEach(c -> byId.put(c.id(), c));
        }

        /** Every claimed row, in claim order. */
        Collection<Long> ids() {
            return byId.keySet();
        }

        /** An outcome to write at the next flush ({@code null}: outcome unknown). */
        void ready(long id, SendStage.Outcome outcome) {
            ready.put(id, outcome);
        }

        void readyAll(Map<Long, SendStage.Outcome> outcomes) {
            ready.putAll(outcomes);
        }

        int readyCount() {
            return ready.size();
        }

        /**
         * Whether an outcome waits that says nothing went out (an error answer, a refusal). It is written at once:
         * until it is, a crash leaves its row "call may have started", and an unknown Signal message is never sent
         * again, so a person whose SMS fails too would get nothing. Accepted sends can wait for the batch: unknown is
         * then the truth (they went), and a late receipt or the SMS fallback follows.
         */
        boolean holdsNothingSent() {
            for (SendStage.Outcome outcome : ready.values()) {
                if (outcome != null && outcome != SendStage.Outcome.NOT_OURS && nothingSent(outcome.outcome())) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the row's outcome was written or waits for the next flush. */
        boolean settled(long id) {
            return recorded.contains(id) || ready.containsKey(id);
        }

        /** The claimed rows whose outcome was not written yet (waiting ones included). */
        Set<Long> unrecorded() {
            Set<Long> unrecorded = new HashSet<>(byId.keySet());
            unrecorded.removeAll(recorded);
            return unrecorded;
        }

        /** Writes the outcomes that are ready. */
        void flush() {
            if (ready.isEmpty()) {
                return;
            }
            List<Outbox.Claimed> deliveries = new ArrayList<>();
            Map<Long, SendStage.Outcome> outcomes = new LinkedHashMap<>();
            ready.forEach((id, outcome) -> {
                deliveries.add(byId.get(id));
                outcomes.put(id, outcome);
            });
            record(deliveries, outcomes, lease);
            recorded.addAll(ready.keySet());
            ready.clear();
        }
    }

    static boolean nothingSent(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Retryable
                || outcome instanceof SendOutcome.Permanent failed && failed.reason() != FailureReason.OUTCOME_UNKNOWN;
    }

    /** Writes the outcomes of {@code claimed} ({@code null} or missing: outcome unknown; NOT_OURS: skipped). */
    void record(List<Outbox.Claimed> claimed, Map<Long, SendStage.Outcome> outcomes) {
        record(claimed, outcomes, context.owner());
    }

    /**
     * The same, for rows claimed under {@code lease}. Throws when the transaction fails (nothing is then written,
     * and the caller may try again with the same outcomes).
     */
    void record(List<Outbox.Claimed> claimed, Map<Long, SendStage.Outcome> outcomes, String lease) {
        Channel channel = context.channel();
        Instant now = context.clock().instant();
        List<Outbox.Result> results = new ArrayList<>();
        Set<Long> wake = new HashSet<>();
        Map<String, Instant> pauses = new LinkedHashMap<>();
        List<OutcomeEffects.Effect> sideEffects = new ArrayList<>();
        List<SendOutcome> counted = new ArrayList<>();
        for (Outbox.Claimed delivery : claimed) {
            SendStage.Outcome outcome = outcomes.get(delivery.id());
            if (outcome == SendStage.Outcome.NOT_OURS) {
                continue;
            }
            SendOutcome sent = outcome == null ? SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN) : outcome.outcome();
            String sender = outcome == null ? null : outcome.sender();
            Instant sentAt = outcome == null ? now : outcome.at();
            counted.add(sent);
            if (sent instanceof SendOutcome.Accepted accepted) {
                // nothing to write to the track: when its Signal message was planned, the tracker set it to be looked
                // at within the receipt timeout, and that look starts the wait from this acceptance (DeliveryPlanner)
                byte[] aci = accepted.recipientAci().map(a -> blindIndex.of("aci", a)).orElse(null);
                results.add(new Outbox.Result(delivery.id(), "SENT", sender, accepted.providerRef(), aci, null, sentAt, null));
                if (aci != null) {
                    sideEffects.add(new OutcomeEffects.SignalAccount(delivery.personId(), aci));
                }
            } else if (sent instanceof SendOutcome.Retryable retry) {
                if (delivery.attempts() >= context.properties().maxAttempts()) {
                    results.add(new Outbox.Result(delivery.id(), "FAILED", sender, null, null, retry.reason().name(), null, null));
                    wake.add(delivery.trackId());
                } else {
                    Duration wait = max(retry.retryAfter(), backoff(delivery.attempts()));
                    results.add(new Outbox.Result(delivery.id(), "QUEUED", sender, null, null, retry.reason().name(),
                            null, now.plus(wait)));
                    if (channel == Channel.SIGNAL) {
                        // back in the queue: the look the tracker set while the call was under way was for the
                        // receipt clock, not the queue limit, so without a wake a person rate-limited again and again
                        // stayed on Signal past the queue limit instead of getting SMS (fault suite, a family still
                        // queued 3 minutes on)
                        wake.add(delivery.trackId());
                    }
                    if (retry.reason() == FailureReason.RATE_LIMITED && sender != null) {
                        pauses.merge(sender, context.wallClock().instant().plus(retry.retryAfter()),
                                (a, b) -> a.isAfter(b) ? a : b);
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
        boolean tookOne = results.stream().anyMatch(r -> "SENT".equals(r.status()));
        if (!tookOne && results.stream().anyMatch(r -> "QUEUED".equals(r.status())
                && Outbox.CHANNEL_DOWN.contains(r.failureReason()))) {
            context.outbox().channelDown(channel);
        }
        List<String> signalRefs = channel == Channel.SIGNAL
                ? results.stream().filter(r -> "SENT".equals(r.status())).map(Outbox.Result::providerRef).toList()
                : List.of();
        boolean bringForward = tookOne && context.outbox().takeOutageRetries(channel);
        try {
            context.transactions().executeWithoutResult(s -> {
                pauses.forEach(pacer::pauseUntil);
                context.outbox().record(results, lease);
                context.outbox().wakeTracks(wake, now);
                effects.apply(sideEffects);
                receipts.applyPendingReceipts(signalRefs);
                if (bringForward) {
                    // the channel is back: people whose message waited out the outage's backoff go now, not minutes
                    // later (rows that failed just now keep a short wait, so a flaky provider is not hammered)
                    context.outbox().retryNowAfterOutage(channel, now, context.properties().retryBase().multipliedBy(2),
                            results.stream().map(Outbox.Result::id).toList());
                }
            });
        } catch (RuntimeException notWritten) {
            if (bringForward) {
                context.outbox().channelDown(channel); // still to do at the next message the channel takes
            }
            throw notWritten;
        }
        // counted once written: a flush the database refused is tried again with the same outcomes
        counted.forEach(sent -> metrics.sendOutcome(channel, sent));
        if (!signalRefs.isEmpty()) {
            // a receipt written down while we were recording was invisible to us until now (see signalReceipt). The
            // outcomes are written: a failure here must not make the caller write them again (the housekeeping
            // sweep applies such receipts a little later)
            try {
                context.transactions().executeWithoutResult(s -> receipts.applyPendingReceipts(signalRefs));
            } catch (RuntimeException notNow) {
                log.warn("Could not apply receipts that came before their sends were recorded ({}); the sweep will",
                        notNow.getClass().getSimpleName());
            }
        }
    }

    /** How long a retry waits after {@code attempts} attempts: doubling from retryBase up to retryMax, plus jitter. */
    Duration backoff(int attempts) {
        long base = context.properties().retryBase().toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        long capped = Math.min(base, context.properties().retryMax().toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, capped / 4) + 1);
        return Duration.ofMillis(capped + jitter);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
