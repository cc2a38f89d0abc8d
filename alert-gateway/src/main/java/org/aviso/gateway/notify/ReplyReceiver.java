package org.aviso.gateway.notify;

import java.util.Optional;

import org.aviso.gateway.notify.InboundEvents.InboundReply;

/**
 * Whoever reads what people send to Aviso (the {@code reply} feature). The delivery pipeline hands every inbound
 * message here after recording it; keeping this contract beside {@link InboundEvents} lets the outbox know nothing
 * of alerts, reports or pages.
 */
public interface ReplyReceiver {

    /** Handles one inbound message; returns the text to answer on the same channel, if any. */
    Optional<String> handle(InboundReply inbound);
}
