package org.aviso.gateway.notify.signal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;

/** Records what the Signal channel heard; answers replies as a test says. */
final class FakeInboundEvents implements InboundEvents {

    record Receipt(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, ReceiptKind kind,
            List<Long> sentTimestamps, Instant at) {
    }

    record Untrusted(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, Instant at) {
    }

    final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    final List<InboundReply> replies = new CopyOnWriteArrayList<>();
    final List<Untrusted> untrusted = new CopyOnWriteArrayList<>();
    volatile Function<InboundReply, Optional<String>> answers = reply -> Optional.empty();

    @Override
    public void signalReceipt(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, ReceiptKind kind,
            List<Long> sentTimestamps, Instant at) {
        receipts.add(new Receipt(account, sourceAci, sourceNumber, kind, sentTimestamps, at));
    }

    @Override
    public void smsStatus(long deliveryId, String messageSid, String status, Optional<Integer> errorCode, Instant at) {
        throw new AssertionError("the Signal channel never reports SMS statuses");
    }

    @Override
    public Optional<String> reply(InboundReply reply) {
        replies.add(reply);
        return answers.apply(reply);
    }

    @Override
    public void untrustedIdentity(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, Instant at) {
        untrusted.add(new Untrusted(account, sourceAci, sourceNumber, at));
    }

    int heard() {
        return receipts.size() + replies.size() + untrusted.size();
    }
}
