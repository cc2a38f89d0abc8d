package org.aviso.gateway.notify.sms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;

/** Records what the SMS webhooks hand on, and answers replies with a text the test chooses. */
class FakeInboundEvents implements InboundEvents {

    record SmsStatus(long deliveryId, String messageSid, String status, Optional<Integer> errorCode, Instant at) {
    }

    final List<SmsStatus> statuses = new CopyOnWriteArrayList<>();
    final List<InboundReply> replies = new CopyOnWriteArrayList<>();
    volatile Optional<String> answer = Optional.empty();

    void answerWith(String text) {
        answer = Optional.of(text);
    }

    void clear() {
        statuses.clear();
        replies.clear();
        answer = Optional.empty();
    }

    @Override
    public void smsStatus(long deliveryId, String messageSid, String status, Optional<Integer> errorCode,
            Instant at) {
        statuses.add(new SmsStatus(deliveryId, messageSid, status, errorCode, at));
    }

    @Override
    public Optional<String> reply(InboundReply reply) {
        replies.add(reply);
        return answer;
    }

    @Override
    public void signalReceipt(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, ReceiptKind kind,
            List<Long> sentTimestamps, Instant at) {
        throw new UnsupportedOperationException("not an SMS event");
    }

    @Override
    public void untrustedIdentity(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, Instant at) {
        throw new UnsupportedOperationException("not an SMS event");
    }
}
