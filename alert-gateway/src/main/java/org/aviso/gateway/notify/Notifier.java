package org.aviso.gateway.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aviso.core.common.Channel;

/**
 * Sends one message to one person over one channel and says what happened, without throwing. It makes exactly
 * one attempt: the durable outbox owns retries, so a provider call is never repeated blindly.
 */
public interface Notifier {

    Channel channel();

    /** The sending identities (Signal accounts, Twilio numbers or Messaging Services) and their paced rates. */
    List<SenderAccount> senders();

    SendOutcome send(OutboundMessage message);

    /** How many messages {@link #sendAll} handles well in one call (the outbox hands it at most this many). */
    default int maxBatch() {
        return 1;
    }

    /**
     * Sends several messages that are due together. The default sends them one by one; a channel whose provider
     * takes several recipients in one call may do better. The result has one outcome per delivery id.
     */
    default Map<Long, SendOutcome> sendAll(List<OutboundMessage> messages) {
        Map<Long, SendOutcome> outcomes = new LinkedHashMap<>();
        for (OutboundMessage message : messages) {
            outcomes.put(message.deliveryId(), send(message));
        }
        return outcomes;
    }
}
