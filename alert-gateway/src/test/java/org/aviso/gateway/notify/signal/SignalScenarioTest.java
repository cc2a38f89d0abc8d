package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario through the real Signal client and WireMock standing in for signal-cli (and Twilio): an
 * alert goes out over Signal; a delivery receipt arrives on the event stream and the recipient shows DELIVERED; an
 * "OK" reply marks them acknowledged; a recipient who is not on Signal gets exactly one SMS and no second Signal
 * attempt.
 */
@AvisoTest
class SignalScenarioTest {

    static final String ACCOUNT = "+15550100001";
    static final String STAFF_ACI = "8f2c52bf-9522-4bc6-a40c-da48bccb1110";
    static final long SENT_AT = 1752400000123L;
    static final WireMockServer signalCli = new WireMockServer(options().dynamicPort());
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    static {
        signalCli.start();
        twilio.start();
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("aviso.signal.base-url", signalCli::baseUrl);
        registry.add("aviso.signal.accounts", () -> ACCOUNT);
        registry.add("aviso.signal.rate-per-second", () -> "50");
        registry.add("aviso.signal.max-recipients-per-call", () -> "1");
        registry.add("aviso.signal.reconnect-min", () -> "50ms");
        registry.add("aviso.signal.reconnect-max", () -> "100ms");
        registry.add("aviso.public-base-url", () -> "https://alerts.example.org");
        registry.add("aviso.twilio.account-sid", () -> "AC0123456789abcdef0123456789abcdef");
        registry.add("aviso.twilio.auth-token", () -> "auth-token-for-tests-only");
        registry.add("aviso.twilio.messaging-service-sid", () -> "MG0123456789abcdef0123456789abcdef");
        registry.add("aviso.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stop() {
        signalCli.stop();
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

    @Test
    void deliveredOverSignalThenAcknowledgedAndTheUnregisteredGetsOneSms() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Signal");
        GroupId staff = data.group(network.network(), Optional.of(network.site()), "Staff", Tier.STAFF,
                EnumSet.of(AlertKind.DRILL));
        PersonId onSignal = data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Ana", staff);
        PersonId notOnSignal = data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF),
                Language.SPANISH, SignalStatus.UNKNOWN, "Luis", staff);
        String staffNumber = data.phoneOf(network.network(), onSignal);
        String unregisteredNumber = data.phoneOf(network.network(), notOnSignal);
        stubSignalCli(staffNumber, unregisteredNumber);
        twilio.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM5f2c4e7a9b1d3f5a7c9e1b3d5f7a9c1e\",\"status\":\"accepted\"}")));

        AvisoPrincipal dana = network.dispatcherASignedIn();
        AlertService.Outcome sent = alerts.compose(dana, new AlertService.Composition(AlertKind.DRILL, Optional.empty(),
                Optional.of(network.site()), Set.of(staff), "Practice the lockdown"));
        assertThat(sent).isInstanceOf(AlertService.Outcome.Sent.class);
        engine.runUntilIdle();

        waitUntil(() -> "DELIVERED".equals(signalStatus(onSignal)) || "READ".equals(signalStatus(onSignal)));
        waitUntil(() -> jdbc.queryForObject("select acknowledged_at is not null from recipient_track where person_id = ?",
                Boolean.class, onSignal.value()));
        engine.runUntilIdle();

        assertThat(signalStatus(onSignal)).isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("select state from recipient_track where person_id = ?", String.class,
                onSignal.value())).isEqualTo("ACKNOWLEDGED");
        assertThat(signalCli.findAll(postRequestedFor(urlEqualTo(SignalRpcClient.RPC_PATH))
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .withRequestBody(matchingJsonPath("$.params.recipients[0]", equalTo(unregisteredNumber)))))
                .as("one Signal attempt for the unregistered number, never a second").hasSize(1);
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(
                "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json"))))
                .as("exactly one SMS, to the unregistered number only")
                .hasSize(1)
                .allSatisfy(request -> assertThat(request.getBodyAsString())
                        .contains(java.net.URLEncoder.encode(unregisteredNumber, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(jdbc.queryForObject("select signal_status from person where id = ?", String.class,
                notOnSignal.value())).isEqualTo("NOT_ON_SIGNAL");
    }

    private String signalStatus(PersonId person) {
        return jdbc.queryForObject("select status from delivery where person_id = ? and channel = 'SIGNAL'",
                String.class, person.value());
    }

    private void stubSignalCli(String staffNumber, String unregisteredNumber) {
        String rpc = SignalRpcClient.RPC_PATH;
        signalCli.stubFor(post(urlEqualTo(rpc)).atPriority(9)
                .willReturn(json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-3,\"message\":\"io\",\"data\":null},"
                        + "\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        // answers to replies (and anything else sent to the staff number) succeed without moving the scenario
        signalCli.stubFor(post(urlEqualTo(rpc)).atPriority(5)
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .willReturn(json(success(staffNumber, SENT_AT + 5000))));
        signalCli.stubFor(post(urlEqualTo(rpc)).atPriority(1).inScenario("stream")
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .withRequestBody(matchingJsonPath("$.params.recipients[0]", equalTo(staffNumber)))
                .withRequestBody(matchingJsonPath("$.params.message", com.github.tomakehurst.wiremock.client.WireMock.containing("[DRILL]")))
                .willReturn(json(success(staffNumber, SENT_AT)))
                .willSetStateTo("sent"));
        signalCli.stubFor(post(urlEqualTo(rpc)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .withRequestBody(matchingJsonPath("$.params.recipients[0]", equalTo(unregisteredNumber)))
                .willReturn(json("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"Failed to send message\","
                        + "\"data\":{\"response\":{\"timestamp\":" + (SENT_AT + 1) + ",\"results\":[{\"recipientAddress\":"
                        + "{\"uuid\":null,\"number\":\"" + unregisteredNumber + "\",\"username\":null},"
                        + "\"type\":\"UNREGISTERED_FAILURE\"}]}}},\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        String keepAlive = ":\n\n";
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(sse(keepAlive)));
        String receipt = "{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"source\":\"" + staffNumber
                + "\",\"sourceNumber\":\"" + staffNumber + "\",\"sourceUuid\":\"" + STAFF_ACI + "\",\"sourceName\":\"Ana\","
                + "\"sourceDevice\":1,\"timestamp\":" + (SENT_AT + 3000) + ",\"serverReceivedTimestamp\":" + (SENT_AT + 3040)
                + ",\"serverDeliveredTimestamp\":" + (SENT_AT + 3090) + ",\"receiptMessage\":{\"when\":" + (SENT_AT + 3000)
                + ",\"isDelivery\":true,\"isRead\":false,\"isViewed\":false,\"timestamps\":[" + SENT_AT + "]}}}";
        String reply = "{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"source\":\"" + staffNumber
                + "\",\"sourceNumber\":\"" + staffNumber + "\",\"sourceUuid\":\"" + STAFF_ACI + "\",\"sourceName\":\"Ana\","
                + "\"sourceDevice\":1,\"timestamp\":" + (SENT_AT + 60000) + ",\"serverReceivedTimestamp\":" + (SENT_AT + 60020)
                + ",\"serverDeliveredTimestamp\":" + (SENT_AT + 60030) + ",\"dataMessage\":{\"timestamp\":" + (SENT_AT + 60000)
                + ",\"message\":\"OK\",\"expiresInSeconds\":0,\"isExpirationUpdate\":false,\"viewOnce\":false,"
                + "\"quote\":{\"id\":" + SENT_AT + ",\"author\":\"" + ACCOUNT + "\",\"authorNumber\":\"" + ACCOUNT
                + "\",\"authorUuid\":\"0d1c0000-0000-0000-0000-000000000000\",\"text\":\"[DRILL]\",\"attachments\":[]}}}}";
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs("sent")
                .willReturn(sse("event:receive\ndata:" + receipt + "\n\n:\nevent: receive\ndata: " + reply + "\n\n"))
                .willSetStateTo("drained"));
        signalCli.stubFor(get(urlPathEqualTo("/api/v1/events")).inScenario("stream")
                .whenScenarioStateIs("drained").willReturn(sse(keepAlive)));
        signalCli.stubFor(get(urlEqualTo("/api/v1/check")).willReturn(aResponse().withStatus(200)));
    }

    private static String success(String number, long timestamp) {
        return "{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":" + timestamp + ",\"results\":[{\"recipientAddress\":"
                + "{\"uuid\":\"" + STAFF_ACI + "\",\"number\":\"" + number + "\",\"username\":null},\"type\":\"SUCCESS\"}]},"
                + "\"id\":\"{{jsonPath request.body '$.id'}}\"}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)
                .withTransformers("response-template");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = java.time.Clock.systemUTC().instant().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (java.time.Clock.systemUTC().instant().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
