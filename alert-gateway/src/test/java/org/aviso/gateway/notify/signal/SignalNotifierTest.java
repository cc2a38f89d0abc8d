package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;

class SignalNotifierTest {

    static final String ANA = "+15550100002";
    static final String BEN = "+15550100003";
    static final String CARLA = "+15550100004";
    static final String DIEGO = "+15550100005";
    static final String STAFF_GROUP = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=";
    static final String ALERT = "VERIFIED ALERT – Lincoln Elem: follow the pick-up plan";

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final FakeChannelTasks tasks = new FakeChannelTasks();

    private SignalNotifier notifier() {
        return notifier(TestProperties.daemonAt(daemon.baseUrl()));
    }

    private SignalNotifier notifier(TestProperties properties) {
        SignalProperties built = properties.build();
        return new SignalNotifier(SignalRpcClient.from(built), tasks, built);
    }

    static OutboundMessage to(long delivery, String number) {
        return new OutboundMessage(delivery, ACCOUNT, PhoneNumber.of(number), ALERT, 1);
    }

    static OutboundMessage inGroup(long delivery, String number) {
        return new OutboundMessage(delivery, ACCOUNT, PhoneNumber.of(number), ALERT, 1, Optional.of(STAFF_GROUP));
    }

    @Test
    void declaresOneSenderPerAccountAtTheConfiguredRate() {
        SignalNotifier notifier = notifier(TestProperties.daemonAt(daemon.baseUrl())
                .accounts(ACCOUNT, "+15550100010"));

        assertThat(notifier.channel()).isEqualTo(Channel.SIGNAL);
        assertThat(notifier.senders()).containsExactly(new SenderAccount(ACCOUNT, 1.0, false),
                new SenderAccount("+15550100010", 1.0, false));
    }

    @Test
    void acceptsEveryoneOfAFullySentCallUnderItsTimestampAndEachPersonsAci() {
        daemon.stubFor(rpc("send").willReturn(answer("send-full-success")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(to(1, ANA), to(2, BEN)));

        assertThat(calls(daemon, "send")).hasSize(1);
        assertThat(outcomes).containsExactly(
                Map.entry(1L, new SendOutcome.Accepted("1752400000123",
                        Optional.of("8f2c52bf-9522-4bc6-a40c-da48bccb1110"))),
                Map.entry(2L, new SendOutcome.Accepted("1752400000123",
                        Optional.of("5e1b0a3c-2f9e-4c55-9d0a-7a3b2c1d0e0f"))));
    }

    @Test
    void checksEveryResultOfACallThatPartlySucceeded() {
        daemon.stubFor(rpc("send").willReturn(answer("send-partial-success")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(to(1, ANA), to(2, BEN)));

        assertThat(outcomes.get(1L)).isEqualTo(new SendOutcome.Accepted("1752400000123",
                Optional.of("8f2c52bf-9522-4bc6-a40c-da48bccb1110")));
        assertThat(outcomes.get(2L)).isEqualTo(new SendOutcome.Permanent(FailureReason.NOT_ON_SIGNAL, "not on Signal"));
    }

    @Test
    void postsIntoAGroupOnceAndMapsEachMembersResultBackByNumber() {
        daemon.stubFor(rpc("send").willReturn(answer("send-group")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(inGroup(1, CARLA), inGroup(2, DIEGO),
                inGroup(3, "+15550100006")));

        assertThat(calls(daemon, "send")).hasSize(1);
        assertThat(outcomes.get(1L)).isEqualTo(new SendOutcome.Accepted("1752400000456",
                Optional.of("c118bd9d-cf95-4bce-939f-2deb9ef44a65")));
        assertThat(outcomes.get(2L)).isEqualTo(
                new SendOutcome.Permanent(FailureReason.IDENTITY_CHANGED, "safety number changed"));
        assertThat(outcomes.get(3L)).isEqualTo(
                new SendOutcome.Permanent(FailureReason.REJECTED, "not a member of the Signal group"));
        assertThat(tasks.raised).containsExactly(
                new FakeChannelTasks.Raised(ChannelTasks.Kind.IDENTITY_CHANGED, ACCOUNT, Optional.empty(), ""));
    }

    @Test
    void handsACaptchaToAPersonAndMovesTheRecipientToSms() {
        daemon.stubFor(rpc("send").willReturn(answer("send-rate-limited-captcha")));

        SendOutcome outcome = notifier().send(to(1, ANA));

        assertThat(outcome).isEqualTo(new SendOutcome.Permanent(FailureReason.CAPTCHA_REQUIRED,
                "52bdb829-f0f2-4c93-925d-c5a5269c75e0"));
        assertThat(tasks.raised).containsExactly(new FakeChannelTasks.Raised(ChannelTasks.Kind.CAPTCHA, ACCOUNT,
                Optional.empty(), "52bdb829-f0f2-4c93-925d-c5a5269c75e0"));
    }

    @Test
    void movesSomeoneWhoseSafetyNumberChangedToSmsAndAsksAnAdministratorToReTrust() {
        daemon.stubFor(rpc("send").willReturn(answer("send-identity-changed")));

        SendOutcome outcome = notifier().send(to(1, ANA));

        assertThat(outcome).isEqualTo(new SendOutcome.Permanent(FailureReason.IDENTITY_CHANGED, "safety number changed"));
        assertThat(tasks.raised).containsExactly(
                new FakeChannelTasks.Raised(ChannelTasks.Kind.IDENTITY_CHANGED, ACCOUNT, Optional.empty(), ""));
    }

    @Test
    void waitsAMinuteForEveryoneWhenSignalLimitsUsBeforeTheSend() {
        daemon.stubFor(rpc("send").willReturn(answer("send-rate-limit-exceeded")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(to(1, ANA), to(2, BEN)));

        assertThat(outcomes.values()).containsOnly(
                new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(60)));
    }

    @Test
    void boundsSignalsWaitBetweenOneSecondAndTheCap() {
        daemon.stubFor(rpc("send").willReturn(answer("send-rate-limited-without-token")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(to(1, ANA), to(2, BEN), to(3, CARLA)));

        assertThat(outcomes).containsExactly(
                Map.entry(1L, new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofHours(1))),
                Map.entry(2L, new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(1))),
                Map.entry(3L, new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(60))));
        assertThat(tasks.raised).isEmpty();
    }

    @Test
    void retriesANetworkFailureAfterHalfAMinuteAndRejectsABadPreKey() {
        daemon.stubFor(rpc("send").willReturn(answer("send-mixed-failures")));

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(to(1, ANA), to(2, BEN)));

        assertThat(outcomes.get(1L)).isEqualTo(
                new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, Duration.ofSeconds(30)));
        assertThat(outcomes.get(2L)).isEqualTo(new SendOutcome.Permanent(FailureReason.REJECTED, "invalid pre-key"));
    }

    @Test
    void rejectsWhenTheDaemonDoesNotKnowTheMethodAndSaysSoOnce() {
        daemon.stubFor(rpc("send").willReturn(answer("method-not-implemented")));
        SignalNotifier notifier = notifier();

        try (LogCapture log = LogCapture.of(SignalNotifier.class)) {
            SendOutcome first = notifier.send(to(1, ANA));
            SendOutcome second = notifier.send(to(2, ANA));

            assertThat(first).isInstanceOfSatisfying(SendOutcome.Permanent.class,
                    p -> assertThat(p.reason()).isEqualTo(FailureReason.REJECTED));
            assertThat(second).isEqualTo(first);
            assertThat(log.lines(Level.ERROR)).hasSize(1);
        }
    }

    @Test
    void rejectsAGroupThatDoesNotExistWithoutRepeatingItsId() {
        daemon.stubFor(rpc("send").willReturn(answer("group-not-found")));

        SendOutcome outcome = notifier().send(inGroup(1, CARLA));

        assertThat(outcome).isEqualTo(new SendOutcome.Permanent(FailureReason.REJECTED, "Signal group not found"));
    }

    @Test
    void rejectsAnInvalidNumberWithoutRepeatingIt() {
        daemon.stubFor(rpc("send").willReturn(answer("invalid-number")));

        assertThat(notifier().send(to(1, ANA)))
                .isEqualTo(new SendOutcome.Permanent(FailureReason.REJECTED, "invalid number"));
    }

    @Test
    void neverResendsWhenSignalCliFailedInsideTheSend() {
        daemon.stubFor(rpc("send").willReturn(answer("send-io-failure")));

        assertThat(notifier().send(to(1, ANA))).isInstanceOfSatisfying(SendOutcome.Permanent.class,
                p -> assertThat(p.reason()).isEqualTo(FailureReason.OUTCOME_UNKNOWN));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {415, 421, 404, 500, 502, 504, 201})
    void neverResendsWhenTheDaemonAnswersWithAnUnexpectedStatus(int status) {
        daemon.stubFor(rpc("send").willReturn(aResponse().withStatus(status)));

        SendOutcome outcome = notifier().send(to(1, ANA));

        assertThat(outcome).isEqualTo(new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN,
                "signal-cli answered HTTP " + status));
        assertThat(calls(daemon, "send")).hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {503, 429})
    void aProxyThatDidNotPassTheRequestOnLeavesTheMessageToBeTriedAgain(int status) {
        daemon.stubFor(rpc("send").willReturn(aResponse().withStatus(status)));

        SendOutcome outcome = notifier().send(to(1, ANA));

        // not written off as "outcome unknown": for a family whose number takes no SMS, that meant no message at all
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retryable.class,
                r -> assertThat(r.reason()).isEqualTo(FailureReason.NETWORK_ERROR));
        assertThat(calls(daemon, "send")).hasSize(1);
    }

    @Test
    void neverResendsWhenTheAnswerIsNotJsonRpc() {
        daemon.stubFor(rpc("send").willReturn(okJson("{\"timestamp\": oops")));

        assertThat(notifier().send(to(1, ANA))).isInstanceOfSatisfying(SendOutcome.Permanent.class,
                p -> assertThat(p.reason()).isEqualTo(FailureReason.OUTCOME_UNKNOWN));
    }

    @Test
    void neverResendsAMessageWhoseAnswerCameTooLate() {
        daemon.stubFor(rpc("send").willReturn(answer("send-full-success").withFixedDelay(1500)));
        SignalNotifier impatient = notifier(TestProperties.daemonAt(daemon.baseUrl())
                .sendTimeout(Duration.ofMillis(200)));

        SendOutcome outcome = impatient.send(to(1, ANA));

        assertThat(outcome).isEqualTo(new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN,
                "signal-cli did not answer in time"));
        assertThat(calls(daemon, "send")).hasSize(1);
    }

    @Test
    void neverResendsWhenTheConnectionIsResetAfterTheRequestWentOut() {
        daemon.stubFor(rpc("send").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendOutcome outcome = notifier().send(to(1, ANA));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Permanent.class,
                p -> assertThat(p.reason()).isEqualTo(FailureReason.OUTCOME_UNKNOWN));
        assertThat(calls(daemon, "send")).hasSize(1);
    }

    @Test
    void triesAgainSoonWhenTheDaemonRefusesTheConnectionBecauseNothingWasSent() {
        SignalNotifier notifier = notifier(TestProperties.daemonAt("http://127.0.0.1:" + SignalCli.closedPort()));

        assertThat(notifier.send(to(1, ANA)))
                .isEqualTo(new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, Duration.ofSeconds(10)));
    }

    @Test
    void sendsIdenticalMessagesTogetherUpToTheLimitAndEachPersonOncePerCall() {
        daemon.stubFor(rpc("send").willReturn(answer("send-success-for-each")));
        SignalNotifier notifier = notifier(TestProperties.daemonAt(daemon.baseUrl()).maxRecipientsPerCall(2));
        OutboundMessage other = new OutboundMessage(6, ACCOUNT, PhoneNumber.of(ANA), "ALERTA VERIFICADA", 1);

        Map<Long, SendOutcome> outcomes = notifier.sendAll(List.of(to(1, ANA), to(2, BEN), to(3, CARLA),
                to(4, DIEGO), to(5, ANA), other));

        // [ANA, BEN], [CARLA, DIEGO], [ANA] for the English text; [ANA] for the Spanish one
        assertThat(calls(daemon, "send")).hasSize(4);
        assertThat(outcomes.keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isEqualTo(
                new SendOutcome.Accepted("1752400000321", Optional.empty())));
    }

    @Test
    void pairsAResultWithoutANumberByPosition() {
        daemon.stubFor(rpc("send").willReturn(okJson("""
                {"jsonrpc":"2.0","id":"{{jsonPath request.body '$.id'}}","result":{"timestamp":1752400000777,
                 "results":[{"recipientAddress":{"uuid":"8f2c52bf-9522-4bc6-a40c-da48bccb1110","number":null,
                 "username":null},"type":"SUCCESS"}]}}""").withTransformers("response-template")));

        assertThat(notifier().send(to(1, ANA))).isEqualTo(new SendOutcome.Accepted("1752400000777",
                Optional.of("8f2c52bf-9522-4bc6-a40c-da48bccb1110")));
    }

    @Test
    void refusesWithoutCallingWhenTheSenderIsNotOneOfOurAccountsOrTheTextIsEmpty() {
        OutboundMessage stranger = new OutboundMessage(1, "+15550100099", PhoneNumber.of(ANA), ALERT, 1);
        OutboundMessage empty = new OutboundMessage(2, ACCOUNT, PhoneNumber.of(ANA), " ", 1);

        Map<Long, SendOutcome> outcomes = notifier().sendAll(List.of(stranger, empty));

        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                SendOutcome.Permanent.class, p -> assertThat(p.reason()).isEqualTo(FailureReason.REJECTED)));
        assertThat(calls(daemon, "send")).isEmpty();
    }
}
