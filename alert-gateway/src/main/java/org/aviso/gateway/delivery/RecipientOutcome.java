package org.aviso.gateway.delivery;

import java.util.List;
import java.util.Optional;

import org.aviso.core.common.Channel;

/**
 * The one state a recipient of an alert is in for the delivery report, derived from their messages' own records
 * (not from the planner's last decision, which can be older than the last outcome). Every recipient is in exactly
 * one, so the states add up to the audience.
 */
record RecipientOutcome(State state, Optional<Channel> channel, Optional<String> reason) {

    /** Report states; their lower-case names are the report's keys. */
    enum State {
        /** Nothing accepted yet and something still queued or in flight. */
        QUEUED,
        /** A provider accepted a message; no receipt yet. */
        SENT,
        DELIVERED,
        READ,
        ACKNOWLEDGED,
        /** No message can reach them: the reason says why. */
        UNREACHABLE,
        /** Unreachable because they opted out of SMS and Signal could not reach them. */
        OPTED_OUT,
        /** A message may have reached them but no provider said so: the reason says why. */
        OUTCOME_UNKNOWN,
        /** The alert ended before they were reached. */
        CANCELLED;

        String key() {
            return name().toLowerCase();
        }
    }

    /** One of the recipient's messages, as the outbox holds it. */
    record Message(Channel channel, DeliveryStatus status, String failureReason, boolean outcomeChecked) {
    }

    static RecipientOutcome of(boolean acknowledged, boolean cancelled, boolean smsOptedOut, List<Message> messages) {
        if (acknowledged) {
            return new RecipientOutcome(State.ACKNOWLEDGED, best(messages), Optional.empty());
        }
        for (DeliveryStatus level : List.of(DeliveryStatus.READ, DeliveryStatus.DELIVERED)) {
            Optional<Channel> on = messages.stream().filter(m -> m.status() == level).map(Message::channel).findFirst();
            if (on.isPresent()) {
                return new RecipientOutcome(level == DeliveryStatus.READ ? State.READ : State.DELIVERED, on,
                        Optional.empty());
            }
        }
        boolean pending = messages.stream().anyMatch(m -> m.status() == DeliveryStatus.QUEUED
                || m.status() == DeliveryStatus.SENDING
                || (m.status() == DeliveryStatus.UNKNOWN && m.channel() == Channel.SMS && !m.outcomeChecked()));
        Optional<Channel> accepted = messages.stream().filter(m -> m.status() == DeliveryStatus.SENT)
                .map(Message::channel).findFirst();
        if (accepted.isPresent()) {
            return new RecipientOutcome(State.SENT, accepted, Optional.empty());
        }
        if (pending && !cancelled) {
            return new RecipientOutcome(State.QUEUED, Optional.empty(), Optional.empty());
        }
        if (cancelled) {
            return new RecipientOutcome(State.CANCELLED, Optional.empty(), Optional.empty());
        }
        Optional<Message> unknown = messages.stream().filter(m -> m.status() == DeliveryStatus.UNKNOWN).findFirst();
        if (unknown.isPresent()) {
            return new RecipientOutcome(State.OUTCOME_UNKNOWN, Optional.of(unknown.get().channel()),
                    Optional.of(unknown.get().channel() == Channel.SIGNAL ? "SIGNAL_NO_RECEIPT" : "SMS_NOT_CONFIRMED"));
        }
        Optional<Message> failed = messages.stream().filter(m -> m.status() == DeliveryStatus.FAILED)
                .reduce((first, second) -> second.channel() == Channel.SMS ? second : first);
        boolean optedOut = smsOptedOut || messages.stream().anyMatch(m -> "OPTED_OUT".equals(m.failureReason()));
        if (optedOut && messages.stream().noneMatch(m -> m.channel() == Channel.SMS && m.status() == DeliveryStatus.FAILED
                && !"OPTED_OUT".equals(m.failureReason()))) {
            return new RecipientOutcome(State.OPTED_OUT, Optional.empty(), Optional.of("OPTED_OUT"));
        }
        return new RecipientOutcome(State.UNREACHABLE, failed.map(Message::channel),
                Optional.of(failed.map(Message::failureReason).filter(r -> r != null).orElse("NO_USABLE_CHANNEL")));
    }

    private static Optional<Channel> best(List<Message> messages) {
        return messages.stream().filter(m -> m.status().accepted()).map(Message::channel).findFirst();
    }
}
