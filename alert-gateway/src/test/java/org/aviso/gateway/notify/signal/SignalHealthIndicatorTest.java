package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignalHealthIndicatorTest {

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final TestClock clock = new TestClock();
    private SignalEventStream events;

    @AfterEach
    void stopListening() {
        if (events != null) {
            events.stop();
        }
    }

    private SignalHealthIndicator indicator(String baseUrl) {
        SignalProperties properties = TestProperties.daemonAt(baseUrl).build();
        events = SignalEventStream.from(properties,
                new SignalEventDispatcher(List.of(ACCOUNT), new FakeInboundEvents(), (a, r, t) -> { }, clock), clock);
        return new SignalHealthIndicator(SignalRpcClient.from(properties), events, clock);
    }

    private void daemonIsUp(String versionAnswer) {
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.CHECK_PATH)).willReturn(aResponse().withStatus(200)));
        daemon.stubFor(rpc("version").willReturn(answer(versionAnswer)));
    }

    @Test
    void isUpWithARecentDaemonAndSaysHowTheEventStreamIsDoing() {
        daemonIsUp("version");

        Health health = indicator(daemon.baseUrl()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("version", "0.14.6")
                .containsEntry("eventStreamConnected", false)
                .containsEntry("secondsSinceLastEvent", "never");
    }

    @Test
    void countsTheSecondsSinceTheLastKeepAlive() {
        daemonIsUp("version");
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.EVENTS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(":\n")));
        SignalHealthIndicator indicator = indicator(daemon.baseUrl());
        events.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.lastHeard().isPresent());
        events.stop();

        clock.advance(Duration.ofSeconds(7));

        assertThat(indicator.health().getDetails()).containsEntry("secondsSinceLastEvent", 7L);
    }

    @Test
    void isDownWithAnOldDaemonAndSaysWhy() {
        daemonIsUp("version-old");

        Health health = indicator(daemon.baseUrl()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "signal-cli 0.14.2 is older than 0.14.5");
    }

    @Test
    void isDownWhenNoDaemonAnswers() {
        Health health = indicator("http://127.0.0.1:" + SignalCli.closedPort()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason",
                "signal-cli does not answer at /api/v1/check (could not connect to signal-cli)");
    }

    @Test
    void isDownWhenTheVersionCannotBeRead() {
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.CHECK_PATH)).willReturn(aResponse().withStatus(200)));
        daemon.stubFor(rpc("version").willReturn(okJson("""
                {"jsonrpc":"2.0","id":"{{jsonPath request.body '$.id'}}","result":{"version":"+15550100002 custom"}}""")
                .withTransformers("response-template")));

        Health health = indicator(daemon.baseUrl()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().toString()).doesNotContain("5550100002");
    }

    @Test
    void readsReleaseNumbersAsSignalCliWritesThem() {
        assertThat(SignalVersion.parse("0.14.6")).contains(new SignalVersion(0, 14, 6));
        assertThat(SignalVersion.parse("0.14.5-SNAPSHOT")).contains(new SignalVersion(0, 14, 5));
        assertThat(SignalVersion.parse("0.10.4.2")).contains(new SignalVersion(0, 10, 4));
        assertThat(SignalVersion.parse("1.0.0")).hasValueSatisfying(v -> assertThat(v.isSupported()).isTrue());
        assertThat(SignalVersion.parse("0.13.24")).hasValueSatisfying(v -> assertThat(v.isSupported()).isFalse());
        assertThat(SignalVersion.parse("0.14.10")).hasValueSatisfying(v -> assertThat(v.isSupported()).isTrue());
        assertThat(SignalVersion.parse("unknown")).isEmpty();
    }
}
