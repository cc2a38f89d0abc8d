package org.aviso.gateway.notify.signal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private final List<String> received = new ArrayList<>();
    private final SseParser parser = new SseParser(received::add);

    private void feed(String text) {
        parser.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractsExampleTrafficSkippingTheKeepAlive() {
        feed(SignalCli.resource("signal/events/contract-traffic.sse"));

        assertThat(received).hasSize(3).allSatisfy(data -> assertThat(data).startsWith("{\"account\":\"+15550100001\""));
        assertThat(received.get(2)).contains("Received, on my way");
    }

    @Test
    void acceptsFieldsWithOrWithoutOneSpaceAfterTheColon() {
        feed("event:receive\ndata:{\"a\":1}\n\nevent: receive\ndata: {\"a\":2}\n\ndata:  {\"a\":3}\n\n");

        assertThat(received).containsExactly("{\"a\":1}", "{\"a\":2}", " {\"a\":3}");
    }

    @Test
    void handsOnSeveralEventsFromOneRead() {
        feed("event:receive\ndata:one\n\n:\nevent:receive\ndata:two\n\nevent:receive\ndata:three\n\n");

        assertThat(received).containsExactly("one", "two", "three");
    }

    @Test
    void putsTogetherEventsSplitAtAnyByteEvenInsideACharacter() {
        byte[] stream = "event:receive\r\ndata:{\"message\":\"¿Llegó? ✅\"}\r\n\r\n:\r\n".getBytes(StandardCharsets.UTF_8);

        for (byte b : stream) {
            parser.feed(new byte[] {b});
        }

        assertThat(received).containsExactly("{\"message\":\"¿Llegó? ✅\"}");
    }

    @Test
    void understandsCarriageReturnLineEndings() {
        feed("event:receive\rdata:cr\r\revent:receive\r\ndata:crlf\r\n\r\n");

        assertThat(received).containsExactly("cr", "crlf");
    }

    @Test
    void joinsSeveralDataLinesAndIgnoresFieldsItDoesNotKnow() {
        feed("event:receive\nid:7\nretry:1000\nfuture-field:x\ndata:first\ndata:second\n\n");

        assertThat(received).containsExactly("first\nsecond");
    }

    @Test
    void ignoresOtherEventNamesAndEmptyEvents() {
        feed("event:ping\ndata:{}\n\nevent:receive\n\n\n\ndata:unnamed\n\n");

        assertThat(received).containsExactly("unnamed");
    }

    @Test
    void dropsAnEventCutOffByTheEndOfTheStream() {
        feed("event:receive\ndata:complete\n\nevent:receive\ndata:cut off");
        parser.end();
        feed("event:receive\ndata:next connection\n\n");

        assertThat(received).containsExactly("complete", "next connection");
    }

    @Test
    void skipsAnEventWithALineTooLongToBeAnEnvelope() {
        feed("event:receive\ndata:" + "x".repeat(SseParser.MAX_LINE_BYTES + 1) + "\n\nevent:receive\ndata:fine\n\n");

        assertThat(received).containsExactly("fine");
    }
}
