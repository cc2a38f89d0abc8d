package org.aviso.gateway.notify.sms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SentMessages;

/**
 * Reads Twilio's Messages list for one recipient ({@code GET .../Messages.json?To=...}) to learn whether an SMS
 * whose create call ended without an answer reached Twilio.
 *
 * <p>Twilio's {@code DateSent} filter ({@code setDateSentAfter}) is deliberately not used: it filters on the date a
 * message left Twilio, and a message still waiting in a Messaging Service's queue has no {@code date_sent} yet, so
 * the filter would hide exactly the message we look for and we would send it twice. Instead the newest page for the
 * recipient (newest first) is read and matched on {@code date_created} and the body.
 */
class TwilioSentMessages implements SentMessages {

    /** Clocks differ; a message created a little before our recorded start is still ours. */
    private static final java.time.Duration CLOCK_SLACK = java.time.Duration.ofMinutes(2);
    private static final int PAGE = 50;
    /** With bodies redacted, a message created this long after our call began is no longer taken for it. */
    private static final java.time.Duration REDACTED_WINDOW = java.time.Duration.ofMinutes(5);

    private static long distance(Message message, Instant notBefore) {
        return Math.abs(java.time.Duration.between(notBefore, message.getDateCreated().toInstant()).toMillis());
    }

    private final TwilioRestClient client;

    TwilioSentMessages(TwilioRestClient client) {
        this.client = client;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Answer find(PhoneNumber to, String body, Instant notBefore,
            java.util.function.Predicate<String> takenElsewhere) {
        ZonedDateTime from = notBefore.minus(CLOCK_SLACK).atZone(ZoneOffset.UTC);
        try {
            java.util.List<Message> messages = Message.reader()
                    .setTo(new com.twilio.type.PhoneNumber(to.e164()))
                    .setPageSize((long) PAGE)
                    .firstPage(client)
                    .getRecords();
            ZonedDateTime until = notBefore.plus(REDACTED_WINDOW).atZone(ZoneOffset.UTC);
            Message redactedMatch = null;
            for (Message message : messages) {
                boolean recent = message.getDateCreated() == null || !message.getDateCreated().isBefore(from);
                boolean outbound = message.getDirection() == null
                        || message.getDirection().toString().startsWith("outbound");
                if (!recent || !outbound) {
                    continue;
                }
                String stored = message.getBody();
                if (stored != null && !stored.isEmpty()) {
                    if (body.equals(stored)) {
                        return new Found(message.getSid());
                    }
                } else if (message.getDateCreated() != null && !message.getDateCreated().isAfter(until)
                        && !takenElsewhere.test(message.getSid())) {
                    // the account redacts bodies: the message created closest after our call began, which no other
                    // delivery of ours owns, is this one
                    if (redactedMatch == null || distance(message, notBefore) < distance(redactedMatch, notBefore)) {
                        redactedMatch = message;
                    }
                }
            }
            return redactedMatch != null ? new Found(redactedMatch.getSid()) : new NotFound();
        } catch (RuntimeException failure) {
            // the reason names a class or a Twilio code, never the number
            String why = failure instanceof com.twilio.exception.ApiException api && api.getCode() != null
                    ? "twilio " + api.getCode() : failure.getClass().getSimpleName();
            return new Unavailable(why);
        }
    }
}
