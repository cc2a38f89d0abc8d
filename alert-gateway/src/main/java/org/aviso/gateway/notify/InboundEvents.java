package org.aviso.gateway.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;

/**
 * What channels hear back, handed to the delivery pipeline and the reply handler. Implementations are
 * idempotent: a receipt or callback that arrives twice changes nothing the second time.
 */
public interface InboundEvents {

    enum ReceiptKind { DELIVERED, READ }

    /**
     * A Signal receipt: the recipient's device got (or read) the messages sent with these timestamps.
     *
     * @param account     our Signal number that had sent them
     * @param sourceAci   the recipient's ACI ({@code envelope.sourceUuid}); the stable key
     * @param sourceNumber the recipient's number, when Signal shows it
     */
    void signalReceipt(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, ReceiptKind kind,
            List<Long> sentTimestamps, Instant at);

    /** A Twilio status callback for the delivery in its path. Statuses only move forward; repeats are ignored. */
    void smsStatus(long deliveryId, String messageSid, String status, Optional<Integer> errorCode, Instant at);

    /**
     * Someone wrote to us. Returns what to answer, if anything (the Signal channel sends it back; the SMS
     * webhook puts it in its TwiML).
     */
    Optional<String> reply(InboundReply reply);

    /** A Signal message arrived from someone whose safety number changed; it was not decrypted. */
    void untrustedIdentity(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, Instant at);

    /**
     * An inbound message.
     *
     * @param from            the sender's number; may be empty on Signal when they hide it
     * @param fromAci         Signal only
     * @param quotedTimestamp Signal only: the timestamp of our message they quoted
     * @param providerAnswersKeyword SMS only: Twilio itself answered this keyword (STOP, START, HELP), so we must
     *                        not answer a second time
     */
    record InboundReply(Channel channel, String account, Optional<PhoneNumber> from, Optional<String> fromAci,
            String text, Optional<Long> quotedTimestamp, Instant at, boolean providerAnswersKeyword,
            List<Attachment> attachments) {

        public InboundReply {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        /** A message without files (SMS, or a Signal message with text only). */
        public InboundReply(Channel channel, String account, Optional<PhoneNumber> from, Optional<String> fromAci,
                String text, Optional<Long> quotedTimestamp, Instant at, boolean providerAnswersKeyword) {
            this(channel, account, from, fromAci, text, quotedTimestamp, at, providerAnswersKeyword, List.of());
        }

        @Override
        public String toString() {
            return "InboundReply[" + channel + ", from=" + from.map(PhoneNumber::masked).orElse("hidden")
                    + (attachments.isEmpty() ? "" : ", " + attachments.size() + " attachments") + "]";
        }
    }

    /**
     * A file sent with a Signal message ({@code dataMessage.attachments[]}). Its bytes stay with signal-cli until
     * someone asks for them: only a route that keeps the file (a site contact's photo with a report) fetches it.
     *
     * @param contentType what the sender's app declared, e.g. {@code image/jpeg}; may be empty
     * @param size        the declared size in bytes, or -1 when not given
     * @param file        fetches the bytes (empty when signal-cli has no such file or cannot be reached)
     */
    record Attachment(String contentType, long size, Fetch file) {

        /** Fetches an attachment's bytes. */
        @FunctionalInterface
        public interface Fetch {
            Optional<byte[]> bytes();
        }

        public Attachment {
            contentType = contentType == null ? "" : contentType;
        }

        public Optional<byte[]> fetch() {
            return file.bytes();
        }

        @Override
        public String toString() {
            return "Attachment[" + contentType + ", " + size + " bytes]";
        }
    }
}
