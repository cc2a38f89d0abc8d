package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SentMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles SMS whose outcome is unknown (the sending node died during the call, or Twilio's answer never came) by
 * asking the provider: found means it went out and counts as sent; not found means it never reached the provider
 * and goes back to the queue to be sent normally. Without a way to ask, the outcome stays unknown and no second SMS
 * goes out (a duplicate alert is worse than a report that says "unknown").
 */
class UnknownOutcomes {

    private static final Logger log = LoggerFactory.getLogger(UnknownOutcomes.class);

    /** A call still being answered when we look would be missed: wait this long after it started. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    private static final int BATCH = 20;

    private final Outbox outbox;
    private final Optional<SentMessages> lookup;
    private final MessageBodies bodies;
    private final PhoneBook phones;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UnknownOutcomes(Outbox outbox, Optional<SentMessages> lookup, MessageBodies bodies, PhoneBook phones,
            TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.lookup = lookup;
        this.bodies = bodies;
        this.phones = phones;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the lookups of one pass came to. */
    record Settled(int found, int requeued, int undecided) {
    }

    /** Looks up one batch. */
    Settled runOnce() {
        Settled settled = transactions.execute(status -> settleBatch());
        return settled == null ? new Settled(0, 0, 0) : settled;
    }

    private Settled settleBatch() {
        Instant now = clock.instant();
        List<Outbox.UnknownSms> rows = outbox.unknownSms(BATCH, now.minus(SETTLE));
        if (rows.isEmpty()) {
            return new Settled(0, 0, 0);
        }
        Map<UUID, PhoneNumber> numbers = phones.phones(rows.stream().map(Outbox.UnknownSms::personId).toList());
        int found = 0;
        int requeued = 0;
        int undecided = 0;
        List<Long> wake = new ArrayList<>();
        for (Outbox.UnknownSms row : rows) {
            Optional<MessageBodies.Body> body = bodies.body(row.alertId(), row.escalationId(), row.messageId(),
                    row.language(), Channel.SMS);
            PhoneNumber to = numbers.get(row.personId());
            if (lookup.isEmpty() || body.isEmpty() || to == null) {
                outbox.keepUnknown(row.id(), now);
                undecided++;
                continue;
            }
            SentMessages.Answer answer = lookup.get().find(to, body.get().text(), row.callStartedAt(),
                    sid -> outbox.smsProviderRefTaken(sid, row.id()));
            if (answer instanceof SentMessages.Found hit) {
                outbox.confirmSent(row.id(), hit.providerRef(), now);
                wake.add(row.trackId());
                found++;
            } else if (answer instanceof SentMessages.NotFound) {
                outbox.requeue(row.id(), now);
                wake.add(row.trackId());
                requeued++;
            } else {
                // the provider could not be asked: leave the row for a later pass
                log.info("Could not ask the SMS provider about delivery {} ({}); will ask again", row.id(),
                        ((SentMessages.Unavailable) answer).why());
                undecided++;
                break;
            }
        }
        outbox.wakeTracks(wake, now);
        if (found + requeued > 0) {
            log.info("Asked the SMS provider about {} messages whose outcome was unknown: {} had gone out, {} had not "
                    + "and are sent now", found + requeued, found, requeued);
        }
        return new Settled(found, requeued, undecided);
    }
}
