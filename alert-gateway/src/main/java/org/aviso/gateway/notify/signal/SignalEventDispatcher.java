package org.aviso.gateway.notify.signal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;

/**
 * Turns signal-cli's events into what the delivery pipeline and the reply handler act on: delivery and read
 * receipts, replies (answered 1:1 when the handler has something to say), and messages from someone whose safety
 * number changed. A bad event is logged without its content and skipped; it never stops the stream.
 */
final class SignalEventDispatcher {

    static final String UNTRUSTED_IDENTITY = "UntrustedIdentityException";
    private static final Logger log = LoggerFactory.getLogger(SignalEventDispatcher.class);

    /** Sends a direct answer to whoever wrote to us. */
    @FunctionalInterface
    interface Answers {
        void answer(String account, String recipient, String text);
    }

    /** Fetches the bytes of a file someone sent us, from signal-cli ({@code getAttachment}). */
    @FunctionalInterface
    interface Files {
        Optional<byte[]> fetch(String account, String attachmentId, String sender, String groupId);

        /** For a dispatcher that keeps no files. */
        Files NONE = (account, id, sender, group) -> Optional.empty();
    }

    private final Set<String> accounts;
    private final Optional<String> onlyAccount;
    private final InboundEvents inbound;
    private final Answers answers;
    private final Files files;
    private final Clock clock;

    SignalEventDispatcher(List<String> accounts, InboundEvents inbound, Answers answers, Clock clock) {
        this(accounts, inbound, answers, Files.NONE, clock);
    }

    SignalEventDispatcher(List<String> accounts, InboundEvents inbound, Answers answers, Files files, Clock clock) {
        this.files = files;
        this.accounts = Set.copyOf(accounts);
        this.onlyAccount = accounts.size() == 1 ? Optional.of(accounts.get(0)) : Optional.empty();
        this.inbound = inbound;
        this.answers = answers;
        this.clock = clock;
    }

    /** One {@code receive} event's data: {@code {"account":..., "envelope":{...}}}. */
    void dispatch(String data) {
        ReceivePayload payload;
        try {
            payload = SignalJson.MAPPER.readValue(data, ReceivePayload.class);
        } catch (JacksonException e) {
            log.warn("Skipped a signal-cli event that is not valid JSON ({} characters)", data.length());
            return;
        }
        if (payload == null || payload.envelope() == null) {
            log.debug("Skipped a signal-cli event without an envelope");
            return;
        }
        Optional<String> account = accountOf(payload);
        if (account.isEmpty()) {
            log.debug("Skipped a signal-cli event for an account Aviso does not send from");
            return;
        }
        try {
            route(account.get(), payload);
        } catch (RuntimeException e) {
            log.error("Handling a signal-cli event failed ({}); going on with the next one",
                    e.getClass().getSimpleName());
        }
    }

    private Optional<String> accountOf(ReceivePayload payload) {
        if (payload.account() == null) {
            return onlyAccount;
        }
        return accounts.contains(payload.account()) ? Optional.of(payload.account()) : Optional.empty();
    }

    private void route(String account, ReceivePayload payload) {
        ReceivePayload.Envelope envelope = payload.envelope();
        if (payload.exception() != null) {
            if (UNTRUSTED_IDENTITY.equals(payload.exception().type())) {
                untrustedIdentity(account, envelope);
            } else {
                log.debug("Skipped a signal-cli event it could not process ({})", payload.exception().type());
            }
            return;
        }
        if (envelope.receiptMessage() != null) {
            receipt(account, envelope, envelope.receiptMessage());
        } else if (envelope.dataMessage() != null) {
            reply(account, envelope, envelope.dataMessage());
        }
        // typing, sync, story, call and edit messages: nothing Aviso acts on
    }

    private void untrustedIdentity(String account, ReceivePayload.Envelope envelope) {
        if (envelope.sourceUuid() == null) {
            log.debug("Skipped an untrusted-identity event without the sender's ACI");
            return;
        }
        inbound.untrustedIdentity(account, envelope.sourceUuid(), SignalJson.phone(envelope.sourceNumber()),
                receivedAt(envelope));
    }

    private void receipt(String account, ReceivePayload.Envelope envelope, ReceivePayload.ReceiptMessage receipt) {
        InboundEvents.ReceiptKind kind;
        if (receipt.delivery()) {
            kind = InboundEvents.ReceiptKind.DELIVERED;
        } else if (receipt.read() || receipt.viewed()) {
            kind = InboundEvents.ReceiptKind.READ;
        } else {
            return;
        }
        if (envelope.sourceUuid() == null || receipt.timestamps().isEmpty()) {
            log.debug("Skipped a receipt without a sender ACI or timestamps");
            return;
        }
        Instant at = receipt.when() != null ? Instant.ofEpochMilli(receipt.when()) : receivedAt(envelope);
        inbound.signalReceipt(account, envelope.sourceUuid(), SignalJson.phone(envelope.sourceNumber()), kind,
                receipt.timestamps(), at);
    }

    private void reply(String account, ReceivePayload.Envelope envelope, ReceivePayload.DataMessage message) {
        String text = message.message() == null ? "" : message.message();
        if (text.isBlank() && message.attachments().isEmpty()) {
            // a reaction, a sticker, a remote delete: not a reply Aviso can read
            return;
        }
        Optional<PhoneNumber> from = SignalJson.phone(envelope.sourceNumber());
        Optional<String> fromAci = Optional.ofNullable(envelope.sourceUuid());
        if (from.isEmpty() && fromAci.isEmpty()) {
            log.debug("Skipped a message with no sender");
            return;
        }
        Optional<Long> quoted = message.quote() == null ? Optional.empty() : Optional.ofNullable(message.quote().id());
        String sender = fromAci.orElseGet(() -> from.get().e164());
        String group = message.groupInfo() == null ? null : message.groupInfo().groupId();
        List<InboundEvents.Attachment> attachments = message.attachments().stream()
                .map(a -> new InboundEvents.Attachment(a.contentType(), a.size() == null ? -1 : a.size(),
                        () -> files.fetch(account, a.id(), sender, group)))
                .toList();
        Optional<String> answer = inbound.reply(new InboundEvents.InboundReply(Channel.SIGNAL, account, from, fromAci,
                text, quoted, receivedAt(envelope), false, attachments));
        if (answer.isPresent() && !answer.get().isBlank()) {
            // the ACI reaches exactly the account that wrote, even when it hides its number
            answers.answer(account, sender, answer.get());
        }
    }

    /** When Signal's server took the message (the sender's clock may be off), else the sender's time, else ours. */
    private Instant receivedAt(ReceivePayload.Envelope envelope) {
        if (envelope.serverReceivedTimestamp() != null) {
            return Instant.ofEpochMilli(envelope.serverReceivedTimestamp());
        }
        if (envelope.timestamp() != null) {
            return Instant.ofEpochMilli(envelope.timestamp());
        }
        return clock.instant();
    }
}
