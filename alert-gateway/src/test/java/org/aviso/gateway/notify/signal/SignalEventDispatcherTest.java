package org.aviso.gateway.notify.signal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.notify.InboundEvents.ReceiptKind;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.Test;

import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

class SignalEventDispatcherTest {

    static final String ANA_ACI = "8f2c52bf-9522-4bc6-a40c-da48bccb1110";
    static final PhoneNumber ANA = PhoneNumber.of("+15550100002");

    record Answer(String account, String recipient, String text) {
    }

    private final FakeInboundEvents inbound = new FakeInboundEvents();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final SignalEventDispatcher dispatcher = new SignalEventDispatcher(List.of(ACCOUNT), inbound,
            (account, recipient, text) -> answers.add(new Answer(account, recipient, text)), new TestClock());

    private void stream(String sse) {
        new SseParser(dispatcher::dispatch).feed(sse.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String envelopeContent) {
        return "event:receive\ndata:{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"source\":\"+15550100002\","
                + "\"sourceNumber\":\"+15550100002\",\"sourceUuid\":\"" + ANA_ACI + "\",\"sourceDevice\":1,"
                + "\"timestamp\":1752400090000,\"serverReceivedTimestamp\":1752400090050" + envelopeContent + "}}\n\n";
    }

    @Test
    void reportsTheDeliveredAndReadReceiptsAndTheQuotedReplyOfTheContractsTraffic() {
        stream(SignalCli.resource("signal/events/contract-traffic.sse"));

        assertThat(inbound.receipts).containsExactly(
                new FakeInboundEvents.Receipt(ACCOUNT, ANA_ACI, Optional.of(ANA), ReceiptKind.DELIVERED,
                        List.of(1752400000123L), Instant.ofEpochMilli(1752400003001L)),
                new FakeInboundEvents.Receipt(ACCOUNT, ANA_ACI, Optional.of(ANA), ReceiptKind.READ,
                        List.of(1752400000123L), Instant.ofEpochMilli(1752400020000L)));
        assertThat(inbound.replies).containsExactly(new InboundEvents.InboundReply(Channel.SIGNAL, ACCOUNT,
                Optional.of(ANA), Optional.of(ANA_ACI), "Received, on my way", Optional.of(1752400000123L),
                Instant.ofEpochMilli(1752400060020L), false));
        assertThat(answers).isEmpty();
    }

    @Test
    void answersAReplyDirectlyToTheAccountThatWrote() {
        inbound.answers = reply -> Optional.of("GENUINE: issued by Eastside RRN at 10:02");

        stream(event(",\"dataMessage\":{\"timestamp\":1752400090000,\"message\":\"VERIFY K7Q2\",\"expiresInSeconds\":0,"
                + "\"isExpirationUpdate\":false,\"viewOnce\":false}"));

        assertThat(inbound.replies).singleElement().satisfies(reply -> {
            assertThat(reply.text()).isEqualTo("VERIFY K7Q2");
            assertThat(reply.quotedTimestamp()).isEmpty();
        });
        assertThat(answers).containsExactly(new Answer(ACCOUNT, ANA_ACI, "GENUINE: issued by Eastside RRN at 10:02"));
    }

    @Test
    void countsAViewedReceiptAsReadAndIgnoresOneOfUnknownType() {
        stream(event(",\"receiptMessage\":{\"when\":1752400090000,\"isDelivery\":false,\"isRead\":false,"
                + "\"isViewed\":true,\"timestamps\":[1752400000123]}")
                + event(",\"receiptMessage\":{\"when\":1752400090001,\"isDelivery\":false,\"isRead\":false,"
                + "\"isViewed\":false,\"timestamps\":[1752400000123]}"));

        assertThat(inbound.receipts).singleElement()
                .satisfies(receipt -> assertThat(receipt.kind()).isEqualTo(ReceiptKind.READ));
    }

    @Test
    void reportsAMessageFromAChangedIdentityAndReadsNothingElseFromIt() {
        stream(SignalCli.resource("signal/events/untrusted-identity.sse"));

        assertThat(inbound.untrusted).containsExactly(new FakeInboundEvents.Untrusted(ACCOUNT, ANA_ACI,
                Optional.of(ANA), Instant.ofEpochMilli(1752400070010L)));
        assertThat(inbound.replies).isEmpty();
    }

    @Test
    void ignoresTypingSyncStoryCallMessagesAndReactions() {
        stream(event(",\"typingMessage\":{\"action\":\"STARTED\",\"timestamp\":1752400090000}")
                + event(",\"syncMessage\":{\"sentMessage\":{\"destination\":\"+15550100003\",\"message\":\"hi\"}}")
                + event(",\"storyMessage\":{\"allowsReplies\":true}")
                + event(",\"callMessage\":{\"offerMessage\":{\"id\":1}}")
                + event(",\"dataMessage\":{\"timestamp\":1752400090000,\"message\":null,\"reaction\":{\"emoji\":\"👍\","
                + "\"targetAuthorUuid\":\"0d1c\",\"targetSentTimestamp\":1752400000123,\"isRemove\":false}}"));

        assertThat(inbound.heard()).isZero();
    }

    @Test
    void skipsAMalformedEventWithoutLoggingItAndGoesOn() {
        String secret = "{\"account\":\"+15550100001\",\"envelope\":{\"sourceNumber\":\"+15550100002\",\"dataMessage\"";
        try (LogCapture log = LogCapture.of(SignalEventDispatcher.class)) {
            stream("event:receive\ndata:" + secret + "\n\n"
                    + event(",\"receiptMessage\":{\"when\":1752400090000,\"isDelivery\":true,\"isRead\":false,"
                    + "\"isViewed\":false,\"timestamps\":[1752400000123]}"));

            assertThat(log.lines(Level.WARN)).singleElement().asString().doesNotContain("5550100002");
        }
        assertThat(inbound.receipts).hasSize(1);
    }

    @Test
    void goesOnWhenHandlingOneEventFails() {
        inbound.answers = reply -> {
            throw new IllegalStateException("database briefly away");
        };

        stream(event(",\"dataMessage\":{\"timestamp\":1752400090000,\"message\":\"OK\"}")
                + event(",\"receiptMessage\":{\"when\":1752400090000,\"isDelivery\":true,\"isRead\":false,"
                + "\"isViewed\":false,\"timestamps\":[1752400000123]}"));

        assertThat(inbound.receipts).hasSize(1);
    }

    @Test
    void ignoresEventsForAccountsAvisoDoesNotSendFrom() {
        stream(event(",\"receiptMessage\":{\"when\":1,\"isDelivery\":true,\"timestamps\":[1]}")
                .replace(ACCOUNT, "+15550100077"));

        assertThat(inbound.heard()).isZero();
    }
}
