package org.aviso.gateway.notify;

import java.time.Instant;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;

/**
 * Asks a provider whether it already has a message whose send ended without an answer (a timeout, a crash of the
 * sending node). The outbox acts on the answer: {@link Found} means the message went out, {@link NotFound} means
 * it never arrived and may be sent normally, {@link Unavailable} means ask again later.
 */
public interface SentMessages {

    Channel channel();

    /**
     * Looks for a message to {@code to} with exactly {@code body}, created at or after {@code notBefore}. A provider
     * that hides bodies (Twilio's message redaction) is matched on the time it created the message instead, skipping
     * messages whose id {@code takenElsewhere} says another delivery already owns. Never throws; never logs the number
     * or the body.
     */
    Answer find(PhoneNumber to, String body, Instant notBefore, java.util.function.Predicate<String> takenElsewhere);

    sealed interface Answer {
    }

    /** The provider has it; {@code providerRef} is its id (a Twilio message SID). */
    record Found(String providerRef) implements Answer {
    }

    record NotFound() implements Answer {
    }

    /** The provider could not be asked now (down, slow, credentials refused). */
    record Unavailable(String why) implements Answer {
    }
}
