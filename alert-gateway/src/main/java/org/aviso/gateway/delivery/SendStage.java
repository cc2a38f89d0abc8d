package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send stage of a channel's pipeline: writes down that a call starts (through {@link CallStarts}), then makes
 * it, and says what each message came to. It never throws and never records anything itself.
 */
final class SendStage {

    // logs under ChannelWorker's name, as before the stages were split out of it
    private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

    /**
     * Rows whose slot falls this soon are marked "call started" together (one commit), so a fast channel does not
     * pay one commit per message and a crash leaves at most this much of the batch as "outcome unknown" uncalled.
     */
    // 20 ms: at the paced rates of real senders (a few messages a second) a mark covers only the call being made; at
    // benchmark rates (thousands a second) it still groups a hundred rows per commit. With 100 ms, a kill at 40
    // messages a second left rows marked that were never called: an unknown Signal row is never sent again, so a
    // family whose SMS Twilio refused got nothing (fault suite, 1 family in 2 of 4 kill trials).
    static final Duration START_WINDOW = Duration.ofMillis(20);

    private final WorkerContext context;

    SendStage(WorkerContext context) {
        this.context = context;
    }

    /** What one send came to, with the sender it used and when the provider answered. */
    record Outcome(SendOutcome outcome, String sender, Instant at) {

        /** A row whose lease this node lost before calling the provider: nothing to record. */
        static final Outcome NOT_OURS = new Outcome(null, null, null);
    }

    /**
     * The "call started" marks for one batch claimed under {@code lease}, whose rows start at {@code slots},
     * {@code spacing} apart: only rows that claim still holds are marked (and sent).
     */
    CallStarts starts(Map<Long, Instant> slots, Map<Long, Duration> spacing, String lease) {
        return new CallStarts(slots, spacing, START_WINDOW, context.properties().sendConcurrency(),
                ids -> context.transactions().execute(
                        status -> context.outbox().markCallStarted(ids, lease, context.clock().instant())));
    }

    Map<Long, Outcome> sendNow(SenderAccount sender, List<OutboundMessage> claimedChunk, CallStarts starts) {
        return sendNow(sender, claimedChunk, starts, () -> { });
    }

    /**
     * @param beforeCall runs after the "call started" mark is committed and just before the provider call (the
     *                   pacer's wait for the sender's turn), so nothing between it and the call can bunch calls up
     */
    Map<Long, Outcome> sendNow(SenderAccount sender, List<OutboundMessage> claimedChunk, CallStarts starts,
            Runnable beforeCall) {
        Map<Long, Outcome> result = new LinkedHashMap<>();
        Set<Long> admitted;
        try {
            admitted = starts.admit(claimedChunk.stream().map(OutboundMessage::deliveryId).toList(),
                    context.wallClock().instant());
        } catch (RuntimeException databaseDown) {
            // nothing was called: these go back to the queue (if the database is back to record it) or to a reclaimer
            log.warn("Could not write down that {} {} sends start; not sending them now ({})", claimedChunk.size(),
                    context.channel(), databaseDown.getClass().getSimpleName());
            for (OutboundMessage message : claimedChunk) {
                result.put(message.deliveryId(), new Outcome(new SendOutcome.Retryable(FailureReason.NETWORK_ERROR,
                        Duration.ZERO), sender.id(), context.clock().instant()));
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
        beforeCall.run();
        Map<Long, SendOutcome> outcomes;
        try {
            outcomes = chunk.size() == 1
                    ? Map.of(chunk.get(0).deliveryId(), context.notifier().send(chunk.get(0)))
                    : context.notifier().sendAll(chunk);
        } catch (RuntimeException bug) {
            // a notifier must not throw; if one does, we cannot know whether the provider got the message
            log.error("The {} notifier threw instead of classifying; treating {} sends as outcome unknown",
                    context.channel(), chunk.size(), bug);
            outcomes = Map.of();
        }
        Instant answered = context.clock().instant();
        for (OutboundMessage message : chunk) {
            SendOutcome outcome = outcomes.get(message.deliveryId());
            result.put(message.deliveryId(), new Outcome(outcome != null ? outcome
                    : SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN), sender.id(), answered));
        }
        return result;
    }
}
