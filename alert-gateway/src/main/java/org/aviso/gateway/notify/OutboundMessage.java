package org.aviso.gateway.notify;

import java.util.Optional;

import org.aviso.core.common.PhoneNumber;

/**
 * What a notifier sends. {@code toString()} shows neither the number nor the body.
 *
 * @param deliveryId the outbox row; SMS status callbacks carry it in their path
 * @param sender     which of the notifier's {@link SenderAccount}s to use
 * @param to         the recipient
 * @param body       the text, already rendered in the recipient's language
 * @param segments   SMS segments of the body (1 for Signal), for pacing by segment
 */
public record OutboundMessage(long deliveryId, String sender, PhoneNumber to, String body, int segments,
        Optional<String> signalGroupId) {

    public OutboundMessage(long deliveryId, String sender, PhoneNumber to, String body, int segments) {
        this(deliveryId, sender, to, body, segments, Optional.empty());
    }

    @Override
    public String toString() {
        return "OutboundMessage[delivery=" + deliveryId + ", sender=" + sender + ", to=" + to.masked() + "]";
    }
}
