package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.aviso.gateway.notify.InboundEvents.ReceiptKind;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignalEventStreamTest {

    static final String EVENTS = SignalRpcClient.EVENTS_PATH;
    static final String ANA_ACI = "8f2c52bf-9522-4bc6-a40c-da48bccb1110";
    static final Duration PATIENCE = Duration.ofSeconds(5);

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final TestClock clock = new TestClock();
    private final FakeInboundEvents inbound = new FakeInboundEvents();
    private SignalAnswers answers;
    private SignalEventStream stream;

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.stop();
        }
        if (answers != null) {
            answers.close();
        }
    }

    private SignalEventStream listen() {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).build();
        answers = new SignalAnswers(SignalRpcClient.from(properties));
        SignalEventDispatcher dispatcher = new SignalEventDispatcher(properties.accounts(), inbound, answers, clock);
        stream = SignalEventStream.from(properties, dispatcher, clock);
        stream.start();
        return stream;
    }

    private static ResponseDefinitionBuilder events(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static String receipt(String kind, long when) {
        return "event:receive\ndata:{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"sourceNumber\":\"+15550100002\","
                + "\"sourceUuid\":\"" + ANA_ACI + "\",\"timestamp\":" + when + ",\"receiptMessage\":{\"when\":" + when
                + ",\"" + kind + "\":true,\"timestamps\":[1752400000123]}}}\n\n";
    }

    private static int connections() {
        return daemon.findAll(getRequestedFor(urlEqualTo(EVENTS))).size();
    }

    @Test
    void hearsTheContractsExampleTrafficAndAnswersTheReplyOverSignal() {
        daemon.stubFor(get(urlEqualTo(EVENTS)).inScenario("daemon").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(events(SignalCli.resource("signal/events/contract-traffic.sse")))
                .willSetStateTo("drained"));
        daemon.stubFor(get(urlEqualTo(EVENTS)).inScenario("daemon").whenScenarioStateIs("drained")
                .willReturn(aResponse().withStatus(503)));
        daemon.stubFor(rpc("send").willReturn(answer("send-full-success")));
        inbound.answers = reply -> Optional.of("Thank you. Stay safe.");

        listen();

        await().atMost(PATIENCE).until(() -> !calls(daemon, "send").isEmpty());
        assertThat(inbound.receipts).extracting(FakeInboundEvents.Receipt::kind)
                .containsExactly(ReceiptKind.DELIVERED, ReceiptKind.READ);
        assertThat(inbound.replies).singleElement()
                .satisfies(reply -> assertThat(reply.quotedTimestamp()).contains(1752400000123L));
        JsonNode params = SignalJson.MAPPER.readTree(calls(daemon, "send").get(0).getBodyAsString()).path("params");
        assertThat(params.path("account").stringValue()).isEqualTo(ACCOUNT);
        assertThat(params.path("recipients").get(0).stringValue()).isEqualTo(ANA_ACI);
        assertThat(params.path("message").stringValue()).isEqualTo("Thank you. Stay safe.");
        assertThat(params.has("quoteTimestamp")).isFalse();
    }

    @Test
    void reconnectsWhenTheStreamEndsAndHearsWhatCameMeanwhile() {
        daemon.stubFor(get(urlEqualTo(EVENTS)).inScenario("restart").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(events(receipt("isDelivery", 1752400003001L) + ":\n"))
                .willSetStateTo("restarted"));
        daemon.stubFor(get(urlEqualTo(EVENTS)).inScenario("restart").whenScenarioStateIs("restarted")
                .willReturn(events("event: receive\ndata: " + receipt("isRead", 1752400020000L).substring(19)))
                .willSetStateTo("gone"));
        daemon.stubFor(get(urlEqualTo(EVENTS)).inScenario("restart").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(503)));

        listen();

        await().atMost(PATIENCE).until(() -> inbound.receipts.size() >= 2);
        assertThat(inbound.receipts).extracting(FakeInboundEvents.Receipt::kind)
                .containsExactly(ReceiptKind.DELIVERED, ReceiptKind.READ);
        assertThat(connections()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void reconnectsWhenNotEvenAKeepAliveArrivesForTooLong() throws Exception {
        try (StuckDaemon stuck = new StuckDaemon(receipt("isDelivery", 1752400003001L))) {
            SignalProperties properties = TestProperties.daemonAt(stuck.baseUrl()).build();
            stream = SignalEventStream.from(properties,
                    new SignalEventDispatcher(properties.accounts(), inbound, (a, r, t) -> { }, clock), clock);
            stream.start();
            await().atMost(PATIENCE).until(() -> stream.lastHeard().isPresent());
            clock.advance(Duration.ofSeconds(44));
            Thread.sleep(300);
            assertThat(stuck.connections()).as("still patient at 44 s").isEqualTo(1);

            clock.advance(Duration.ofSeconds(2));

            await().atMost(PATIENCE).until(() -> !inbound.receipts.isEmpty());
            assertThat(stuck.connections()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void remembersWhenItLastHeardFromTheDaemonUntilStopped() {
        daemon.stubFor(get(urlEqualTo(EVENTS)).willReturn(events(":\n")));

        SignalEventStream stream = listen();

        assertThat(stream.isRunning()).isTrue();
        await().atMost(PATIENCE).until(() -> stream.lastHeard().isPresent());
        assertThat(stream.lastHeard()).contains(TestClock.START);
        stream.stop();
        assertThat(stream.isRunning()).isFalse();
        assertThat(stream.connected()).isFalse();
    }

    @Test
    void keepsTryingWhileTheDaemonIsDown() {
        SignalProperties properties = TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()).build();
        stream = SignalEventStream.from(properties, new SignalEventDispatcher(List.of(ACCOUNT), inbound,
                (account, recipient, text) -> { }, clock), clock);

        try (LogCapture log = LogCapture.of(SignalEventStream.class)) {
            stream.start();
            await().atMost(PATIENCE).until(() -> log.events().size() >= 3);

            assertThat(stream.connected()).isFalse();
            assertThat(log.lines(ch.qos.logback.classic.Level.WARN)).hasSize(1);
        }
    }
}
