package org.aviso.gateway.notify.signal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forces every kind of failure the Signal channel knows and checks that nothing it logs, stores or shows holds a
 * phone number, a message text, the daemon's own words (which quote numbers and group ids) or a captcha token.
 */
class SignalLeaksNothingTest {

    static final List<String> RECIPIENTS = List.of("+15550100002", "+15550100003", "+15550100004", "+15550100005",
            "+15550100006");
    static final String BODY = "VERIFIED ALERT – Lincoln Elem: follow the pick-up plan";
    static final String REPLY = "Received, on my way";
    static final String ANSWER = "GENUINE: issued by Eastside RRN";
    static final String GROUP_ID = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=";
    static final String TOKEN = "52bdb829-f0f2-4c93-925d-c5a5269c75e0";
    /** What signal-cli itself says in the bodies used here. */
    static final List<String> DAEMONS_WORDS = List.of("Failed to send message", "Group not found",
            "The string supplied is too long", "Untrusted identity for", "Rate limit exceeded", "Connection to",
            "is not registered", "Rate limit reached", "Failed to check recipients", "Unsupported", "custom build");

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final FakeChannelTasks tasks = new FakeChannelTasks();
    private final List<String> shown = new ArrayList<>();

    @Test
    void noFailureLeaksANumberAMessageTheDaemonsWordsOrACaptchaToken() throws Exception {
        List<String> logged;
        try (LogCapture log = LogCapture.root()) {
            everySendFailure();
            everyTransportFailure();
            everyInboundFailure();
            everyBackgroundFailure();
            everyHealthFailure();
            badSettings();
            logged = log.everything().stream()
                    .filter(line -> !line.startsWith("wiremock.") && !line.startsWith("com.github.tomakehurst")
                            && !line.startsWith("org.wiremock")
                            // pools of earlier tests' application contexts, whose databases are gone, log on their
                            // own threads while this runs; nothing of the Signal channel goes through them
                            && !line.startsWith("org.postgresql.") && !line.startsWith("com.zaxxer.hikari"))
                    .toList();
        }

        assertThat(logged).as("something was logged for every failure").hasSizeGreaterThan(30);
        assertThat(shown).as("outcomes, details and messages were collected").hasSizeGreaterThan(40);
        for (String line : logged) {
            assertThat(line).doesNotContain(digitsOf(RECIPIENTS)).doesNotContain(digitsOf(List.of(ACCOUNT)))
                    .doesNotContain(BODY, REPLY, ANSWER, GROUP_ID, TOKEN)
                    .doesNotContain(DAEMONS_WORDS.toArray(String[]::new));
        }
        for (String text : shown) {
            // a captcha token is the one thing an outcome may carry: an operator needs it
            assertThat(text).doesNotContain(digitsOf(RECIPIENTS)).doesNotContain(BODY, REPLY, ANSWER, GROUP_ID)
                    .doesNotContain(DAEMONS_WORDS.toArray(String[]::new));
        }
    }

    private static String[] digitsOf(List<String> numbers) {
        // without the +, so that a number written any other way is caught too
        return numbers.stream().map(n -> n.substring(2)).toArray(String[]::new);
    }

    private SignalNotifier notifier(Duration sendTimeout) {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).sendTimeout(sendTimeout).build();
        return new SignalNotifier(SignalRpcClient.from(properties), tasks, properties);
    }

    private static List<OutboundMessage> direct() {
        return List.of(new OutboundMessage(1, ACCOUNT, PhoneNumber.of(RECIPIENTS.get(0)), BODY, 1),
                new OutboundMessage(2, ACCOUNT, PhoneNumber.of(RECIPIENTS.get(1)), BODY, 1),
                new OutboundMessage(3, ACCOUNT, PhoneNumber.of(RECIPIENTS.get(2)), BODY, 1));
    }

    private static List<OutboundMessage> inGroup() {
        return RECIPIENTS.stream().map(n -> new OutboundMessage(10 + RECIPIENTS.indexOf(n), ACCOUNT, PhoneNumber.of(n),
                BODY, 1, Optional.of(GROUP_ID))).toList();
    }

    private void send(SignalNotifier notifier, List<OutboundMessage> messages) {
        Map<Long, SendOutcome> outcomes = notifier.sendAll(messages);
        outcomes.values().forEach(outcome -> shown.add(outcome.toString()));
        messages.forEach(message -> shown.add(message.toString()));
    }

    private void everySendFailure() {
        SignalNotifier notifier = notifier(Duration.ofSeconds(5));
        for (String body : List.of("send-partial-success", "send-group", "send-rate-limited-captcha",
                "send-identity-changed", "send-rate-limit-exceeded", "send-io-failure", "method-not-implemented",
                "group-not-found", "invalid-number", "send-rate-limited-without-token", "send-mixed-failures")) {
            daemon.resetMappings();
            daemon.stubFor(rpc("send").willReturn(answer(body)));
            send(notifier, direct());
            send(notifier, inGroup());
        }
        send(notifier, List.of(new OutboundMessage(30, "+15550100099", PhoneNumber.of(RECIPIENTS.get(0)), BODY, 1)));
        tasks.raised.forEach(task -> shown.add(task.detail()));
    }

    private void everyTransportFailure() {
        SignalNotifier notifier = notifier(Duration.ofMillis(200));
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (int status : List.of(415, 421, 404, 500, 503)) {
            answers.add(aResponse().withStatus(status).withBody("Unsupported: " + RECIPIENTS.get(0) + " " + BODY));
        }
        answers.add(aResponse().withStatus(201));
        answers.add(okJson("{\"result\":{\"timestamp\": \"" + RECIPIENTS.get(0) + " " + BODY));
        answers.add(okJson("[\"" + RECIPIENTS.get(0) + "\"]"));
        answers.add(okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":\"" + BODY + "\"},\"id\":null}"));
        answers.add(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answers.add(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        answers.add(aResponse().withFault(Fault.EMPTY_RESPONSE));
        answers.add(answer("send-full-success").withFixedDelay(600));
        for (ResponseDefinitionBuilder response : answers) {
            daemon.resetMappings();
            daemon.stubFor(rpc("send").willReturn(response));
            send(notifier, direct());
        }
        SignalProperties nowhere = TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()).build();
        send(new SignalNotifier(SignalRpcClient.from(nowhere), tasks, nowhere), direct());
    }

    private void everyInboundFailure() throws Exception {
        daemon.resetMappings();
        daemon.stubFor(rpc("send").willReturn(answer("send-identity-changed")));
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).build();
        FakeInboundEvents inbound = new FakeInboundEvents();
        SignalAnswers answers = new SignalAnswers(SignalRpcClient.from(properties));
        SignalEventDispatcher dispatcher = new SignalEventDispatcher(properties.accounts(), inbound, answers,
                new TestClock());
        SseParser parser = new SseParser(dispatcher::dispatch);

        inbound.answers = reply -> Optional.of(ANSWER);
        parser.feed(SignalCli.resource("signal/events/contract-traffic.sse").getBytes(StandardCharsets.UTF_8));
        parser.feed(SignalCli.resource("signal/events/untrusted-identity.sse").getBytes(StandardCharsets.UTF_8));
        parser.feed(("event:receive\ndata:{\"account\":\"" + ACCOUNT + "\",\"envelope\":{\"sourceNumber\":\""
                + RECIPIENTS.get(0) + "\",\"dataMessage\":{\"message\":\"" + REPLY + "\"\n\n")
                .getBytes(StandardCharsets.UTF_8));
        inbound.answers = reply -> {
            throw new IllegalStateException("could not store the reply of " + RECIPIENTS.get(0) + ": " + REPLY);
        };
        parser.feed(SignalCli.resource("signal/events/contract-traffic.sse").getBytes(StandardCharsets.UTF_8));
        answers.close();
        inbound.replies.forEach(reply -> shown.add(reply.toString()));

        SignalProperties nowhere = TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()).build();
        SignalEventStream stream = SignalEventStream.from(nowhere, dispatcher, new TestClock());
        stream.start();
        Thread.sleep(100);
        stream.stop();
        daemon.resetMappings();
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.EVENTS_PATH)).willReturn(aResponse().withStatus(421)));
        stream = SignalEventStream.from(properties, dispatcher, new TestClock());
        stream.start();
        Thread.sleep(100);
        stream.stop();
    }

    private void everyBackgroundFailure() {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).build();
        SignalRpcClient client = SignalRpcClient.from(properties);
        for (String body : List.of("cdsi-quota", "io-error")) {
            FakeContactDirectory directory = new FakeContactDirectory();
            RECIPIENTS.forEach(directory::due);
            daemon.resetMappings();
            daemon.stubFor(rpc("getUserStatus").willReturn(answer(body)));
            new SignalReachability(client, directory, properties, new TestClock()).runRound();
        }

        FakeContactDirectory directory = new FakeContactDirectory();
        directory.group("Lincoln Staff", Optional.empty(), RECIPIENTS.toArray(String[]::new));
        directory.group("Lincoln Office", Optional.of(GROUP_ID), RECIPIENTS.get(4));
        daemon.resetMappings();
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status-for-each")));
        daemon.stubFor(rpc("listGroups").willReturn(answer("list-groups")));
        daemon.stubFor(rpc("updateGroup").willReturn(okJson("""
                {"jsonrpc":"2.0","error":{"code":-1,"message":"The user %s is not registered.","data":null},
                 "id":"{{jsonPath request.body '$.id'}}"}""".formatted(RECIPIENTS.get(3)))
                .withTransformers("response-template")));
        SignalGroupSync groups = new SignalGroupSync(client, directory, properties);
        groups.runRound();
        daemon.stubFor(rpc("updateGroup").willReturn(aResponse().withStatus(500).withBody(GROUP_ID)));
        daemon.stubFor(rpc("listGroups").willReturn(answer("group-not-found")));
        groups.runRound();
        groups.runRound();
        directory.groups.forEach(group -> shown.add(group.toString()));
    }

    private void everyHealthFailure() {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).build();
        SignalEventStream events = SignalEventStream.from(properties, new SignalEventDispatcher(List.of(ACCOUNT),
                new FakeInboundEvents(), (a, r, t) -> { }, new TestClock()), new TestClock());
        daemon.resetMappings();
        daemon.stubFor(get(urlEqualTo(SignalRpcClient.CHECK_PATH)).willReturn(aResponse().withStatus(200)));
        for (String version : List.of(RECIPIENTS.get(0) + " custom build", "0.14.2")) {
            daemon.stubFor(rpc("version").willReturn(okJson("""
                    {"jsonrpc":"2.0","result":{"version":"%s"},"id":"{{jsonPath request.body '$.id'}}"}"""
                    .formatted(version)).withTransformers("response-template")));
            shown.add(new SignalHealthIndicator(SignalRpcClient.from(properties), events, new TestClock()).health()
                    .toString());
        }
        daemon.stubFor(rpc("version").willReturn(answer("method-not-implemented")));
        shown.add(new SignalHealthIndicator(SignalRpcClient.from(properties), events, new TestClock()).health()
                .toString());
        SignalProperties nowhere = TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()).build();
        shown.add(new SignalHealthIndicator(SignalRpcClient.from(nowhere), events, new TestClock()).health()
                .toString());
    }

    private void badSettings() {
        for (List<String> accounts : List.of(List.of("15550100002"), List.of("+15550100002", "+15550100002"),
                List.of(" +15550100002"))) {
            TestProperties settings = TestProperties.daemonAt(daemon.baseUrl());
            settings.accounts = accounts;
            assertThatThrownBy(settings::build).isInstanceOfSatisfying(IllegalArgumentException.class,
                    e -> shown.add(e.getMessage()));
        }
        shown.add(TestProperties.daemonAt(daemon.baseUrl()).accounts(RECIPIENTS.get(0)).build().toString());
        shown.add(new RpcResult.Refused<Void>(-1, "Group not found: " + GROUP_ID, null).toString());
        shown.add(new UserStatus(RECIPIENTS.get(0), RECIPIENTS.get(0), null, true).toString());
        shown.add(new SendResult.RecipientAddress(null, RECIPIENTS.get(0), null).toString());
        shown.add(new ReceivePayload.DataMessage(1L, REPLY, null).toString());
    }
}
