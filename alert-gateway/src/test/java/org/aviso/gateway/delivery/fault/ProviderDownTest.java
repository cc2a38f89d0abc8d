package org.aviso.gateway.delivery.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * signal-cli is unreachable for 30 seconds (on the test clock) while an alert goes out, then comes back: every
 * recipient gets their Signal message exactly once, with no SMS needed, and the pipeline kept retrying meanwhile.
 */
@AvisoTest
class ProviderDownTest {

    static final int PORT = freePort();
    static WireMockServer signal = new WireMockServer(options().port(PORT));
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("aviso.signal.base-url", () -> "http://localhost:" + PORT);
        registry.add("aviso.signal.accounts", () -> GatewayNode.SIGNAL_ACCOUNT);
        registry.add("aviso.signal.rate-per-second", () -> "1000");
        registry.add("aviso.signal.max-recipients-per-call", () -> "1");
        registry.add("aviso.public-base-url", () -> "https://alerts.example.org");
        registry.add("aviso.twilio.account-sid", () -> GatewayNode.TWILIO_SID);
        registry.add("aviso.twilio.auth-token", () -> "down-test-token");
        registry.add("aviso.twilio.messaging-service-sid", () -> GatewayNode.TWILIO_SERVICE);
        registry.add("aviso.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stop() {
        signal.stop();
        twilio.stop();
    }

    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    @Test
    void everyoneIsReachedOnceWhenSignalComesBackAfterThirtySeconds() {
        TestData.SmallNetwork network = data.smallNetwork("Down");
        GroupId staff = data.drillStaffOnSignal(network, 5);
        AlertService.Outcome sent = alerts.compose(network.dispatcherASignedIn(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(network.site()),
                        Set.of(staff), ""));

        // signal-cli is down: connections are refused, nothing reaches it, so retrying is safe
        for (int second = 0; second < 30; second += 5) {
            engine.runUntilIdle();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(statuses(sent)).containsOnly("QUEUED").hasSize(5);
        assertThat(jdbc.queryForObject("select min(attempts) from delivery where alert_id = ?", Integer.class,
                sent.alert().value())).as("it kept trying").isGreaterThanOrEqualTo(2);

        signal = new WireMockServer(options().port(PORT));
        signal.start();
        SignalAndTwilioStubs.stub(signal, twilio, true);
        for (int second = 0; second < 60 && !statuses(sent).stream().allMatch("SENT"::equals); second += 5) {
            clock.advance(Duration.ofSeconds(5));
            engine.runUntilIdle();
        }

        assertThat(statuses(sent)).containsOnly("SENT").hasSize(5);
        assertThat(SignalAndTwilioStubs.signalMessages(signal).values()).containsOnly(1).hasSize(5);
        assertThat(jdbc.queryForObject("select count(*) from delivery where alert_id = ? and channel = 'SMS'",
                Long.class, sent.alert().value())).as("no SMS was needed").isZero();
    }

    private List<String> statuses(AlertService.Outcome sent) {
        return jdbc.queryForList("select status from delivery where alert_id = ? and channel = 'SIGNAL'", String.class,
                sent.alert().value());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
