package org.aviso.gateway.notify.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.TwilioRestClient;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.Secret;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SendOutcome.Accepted;
import org.aviso.gateway.notify.SendOutcome.Permanent;
import org.aviso.gateway.notify.SendOutcome.Retryable;
import org.aviso.gateway.notify.SenderAccount;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.web.PublicUrls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.ACCOUNT_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.AUTH_TOKEN;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGES_PATH;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGING_SERVICE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.created;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.error;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.messagesApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TwilioSmsNotifierTest {

    static final PhoneNumber FAMILY = PhoneNumber.of("+15558675310");
    static final String SPANISH = "Aviso: actividad cerca de la escuela. Recójanlos a las 3. ¿Está bien? Año niño ¡ya!";
    static final long DELIVERY = 4711;
    static final Permanent ANSWER_LOST = new Permanent(FailureReason.OUTCOME_UNKNOWN, "twilio answer lost after sending");

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final TestClock clock = new TestClock();
    final FakeChannelTasks tasks = new FakeChannelTasks();
    final TwilioCredentialStatus credentials = new TwilioCredentialStatus();
    final TwilioHealthIndicator health = new TwilioHealthIndicator(new SingleProvider<>(credentials));
    TwilioHttpClient httpClient;

    @AfterEach
    void closeClient() {
        if (httpClient != null) {
            httpClient.close();
        }
    }

    static TwilioProperties throughService(URI api, Duration readTimeout) {
        return new TwilioProperties(ACCOUNT_SID, Secret.of(AUTH_TOKEN), MESSAGING_SERVICE_SID, List.of(), 3.0,
                Duration.ofSeconds(900), api, Duration.ofSeconds(2), readTimeout);
    }

    TwilioSmsNotifier notifier(TwilioProperties properties) {
        httpClient = new TwilioHttpClient(properties.apiBase(), properties.connectTimeout(),
                properties.readTimeout());
        TwilioRestClient client = new TwilioRestClient.Builder(properties.accountSid(),
                properties.authToken().reveal()).httpClient(httpClient).build();
        return new TwilioSmsNotifier(client, properties, new PublicUrls("https://alerts.example.org"), tasks,
                credentials, clock);
    }

    TwilioSmsNotifier notifier() {
        return notifier(throughService(URI.create(twilio.baseUrl()), Duration.ofSeconds(5)));
    }

    static OutboundMessage toFamily(String sender) {
        return new OutboundMessage(DELIVERY, sender, FAMILY, SPANISH, 2);
    }

    int requestsReceived() {
        return twilio.getAllServeEvents().size();
    }

    @Test
    void sendsOneFormPostThroughTheMessagingServiceAndReturnsTheMessageSid() {
        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, FAMILY.e164(), SPANISH)));

        SendOutcome outcome = notifier().send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(Accepted.of(MESSAGE_SID));
        assertThat(requestsReceived()).isEqualTo(1);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("To", equalTo("+15558675310"))
                .withFormParam("MessagingServiceSid", equalTo(MESSAGING_SERVICE_SID))
                .withFormParam("From", absent())
                .withFormParam("Body", equalTo(SPANISH))
                .withFormParam("StatusCallback", equalTo("https://alerts.example.org/webhooks/twilio/status/4711"))
                .withFormParam("ValidityPeriod", equalTo("900")));
    }

    @Test
    void sendsFromTheNumberThePipelineChoseWhenNumbersAreConfigured() {
        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, FAMILY.e164(), SPANISH)));
        TwilioProperties numbers = new TwilioProperties(ACCOUNT_SID, Secret.of(AUTH_TOKEN), null,
                List.of("+15550001111", "+15550002222"), 1.0, Duration.ofSeconds(600),
                URI.create(twilio.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5));
        TwilioSmsNotifier notifier = notifier(numbers);

        SendOutcome outcome = notifier.send(toFamily("+15550002222"));

        assertThat(outcome).isEqualTo(Accepted.of(MESSAGE_SID));
        assertThat(notifier.senders()).containsExactly(new SenderAccount("+15550001111", 1.0, true),
                new SenderAccount("+15550002222", 1.0, true));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withFormParam("From", equalTo("+15550002222"))
                .withFormParam("MessagingServiceSid", absent())
                .withFormParam("ValidityPeriod", equalTo("600")));
    }

    @Test
    void pacesTheMessagingServiceAsOneSenderCountingSegments() {
        assertThat(notifier().senders()).containsExactly(new SenderAccount(MESSAGING_SERVICE_SID, 3.0, true));
        assertThat(notifier().channel()).isEqualTo(org.aviso.core.common.Channel.SMS);
    }

    @Test
    void refusesASenderThatIsNotConfiguredWithoutCallingTwilio() {
        TwilioProperties numbers = new TwilioProperties(ACCOUNT_SID, Secret.of(AUTH_TOKEN), null,
                List.of("+15550001111"), 1.0, Duration.ofSeconds(900), URI.create(twilio.baseUrl()),
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        SendOutcome outcome = notifier(numbers).send(toFamily("+15550009999"));

        assertThat(outcome).isEqualTo(new Permanent(FailureReason.REJECTED, "sender not configured"));
        assertThat(requestsReceived()).isZero();
    }

    static Stream<Arguments> twilioErrors() {
        Duration first = Duration.ofSeconds(5);
        return Stream.of(
                arguments("21211 invalid number", error(400, 21211,
                                "The 'To' number +15558675310 is not a valid phone number."),
                        new Permanent(FailureReason.INVALID_NUMBER, "twilio 21211")),
                arguments("21614 not a mobile", error(400, 21614, "'To' number is not a valid mobile number"),
                        new Permanent(FailureReason.NOT_MOBILE, "twilio 21614")),
                arguments("21610 opted out", error(400, 21610, "Attempt to send to unsubscribed recipient"),
                        new Permanent(FailureReason.OPTED_OUT, "twilio 21610")),
                arguments("20429 too many requests", error(429, 20429, "Too Many Requests"),
                        new Retryable(FailureReason.RATE_LIMITED, first)),
                arguments("500", error(500, 20500, "An internal server error has occurred"),
                        new Retryable(FailureReason.PROVIDER_ERROR, first)),
                arguments("503", error(503, 20503, "Service unavailable"),
                        new Retryable(FailureReason.PROVIDER_ERROR, first)),
                arguments("20003 authenticate", error(401, 20003, "Authenticate"),
                        new Permanent(FailureReason.AUTHENTICATION_FAILED, "twilio 20003")),
                arguments("21611 sender queue full", error(400, 21611,
                                "This 'From' number has exceeded the maximum number of queued messages"),
                        new Retryable(FailureReason.RATE_LIMITED, Duration.ofMinutes(1))),
                arguments("an unknown 4xx", error(400, 21408, "Permission to send an SMS has not been enabled "
                                + "for the region indicated by the 'To' number: +15558675310."),
                        new Permanent(FailureReason.REJECTED, "twilio 21408")),
                arguments("429 without a JSON status", aResponse().withStatus(429)
                                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\"}"),
                        new Retryable(FailureReason.RATE_LIMITED, first)),
                arguments("400 without a JSON status", aResponse().withStatus(400)
                                .withBody("{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\"}"),
                        new Permanent(FailureReason.INVALID_NUMBER, "twilio 21211")),
                arguments("502 HTML page from a proxy", aResponse().withStatus(502)
                                .withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>"),
                        new Retryable(FailureReason.PROVIDER_ERROR, first)),
                arguments("429 asking for 30 seconds", error(429, 20429, "Too Many Requests")
                                .withHeader("Retry-After", "30"),
                        new Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(30))),
                arguments("503 asking until a date", error(503, 20503, "Service unavailable")
                                .withHeader("Retry-After", "Mon, 02 Mar 2026 15:02:00 GMT"),
                        new Retryable(FailureReason.PROVIDER_ERROR, Duration.ofMinutes(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twilioErrors")
    void classifiesEachTwilioAnswerAfterExactlyOneRequest(String answer, ResponseDefinitionBuilder response,
            SendOutcome expected) {
        twilio.stubFor(messagesApi().willReturn(response));

        SendOutcome outcome = notifier().send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(expected);
        assertThat(requestsReceived()).as("requests that reached Twilio").isEqualTo(1);
    }

    @Test
    void theSdksOwnClientWouldHaveResentTheSamePostOnA5xx() {
        twilio.stubFor(messagesApi().willReturn(error(500, 20500, "An internal server error has occurred")));
        TwilioRestClient sdkDefaults = new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
                .httpClient(new com.twilio.http.NetworkHttpClient() {
                    @Override
                    public com.twilio.http.Response makeRequest(com.twilio.http.Request request) {
                        com.twilio.http.Request local = new com.twilio.http.Request(request.getMethod(),
                                twilio.baseUrl() + MESSAGES_PATH);
                        local.setAuth(ACCOUNT_SID, AUTH_TOKEN);
                        request.getPostParams().forEach((k, vs) -> vs.forEach(v -> local.addPostParam(k, v)));
                        return super.makeRequest(local);
                    }
                }).build();

        try {
            com.twilio.rest.api.v2010.account.Message.creator(new com.twilio.type.PhoneNumber(FAMILY.e164()),
                    MESSAGING_SERVICE_SID, SPANISH).create(sdkDefaults);
        } catch (com.twilio.exception.ApiException expected) {
            // 20500 after the SDK's own retries
        }

        assertThat(requestsReceived()).as("why TwilioHttpClient makes one attempt").isEqualTo(3);
    }

    @Test
    void refusedCredentialsRaiseOneTaskAndTurnReadinessDownUntilASendSucceeds() {
        TwilioSmsNotifier notifier = notifier();
        twilio.stubFor(messagesApi().willReturn(error(401, 20003, "Authenticate")));

        notifier.send(toFamily(MESSAGING_SERVICE_SID));
        notifier.send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(tasks.raised).containsExactly(new FakeChannelTasks.Task(ChannelTasks.Kind.CREDENTIALS_REFUSED,
                MESSAGING_SERVICE_SID, java.util.Optional.empty(), TwilioCredentialStatus.REFUSED));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("reason",
                "Twilio refused Aviso's credentials (20003): check AVISO_TWILIO_ACCOUNT_SID and AVISO_TWILIO_AUTH_TOKEN");

        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, FAMILY.e164(), SPANISH)));
        notifier.send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        twilio.stubFor(messagesApi().willReturn(error(401, 20003, "Authenticate")));
        notifier.send(toFamily(MESSAGING_SERVICE_SID));
        assertThat(tasks.raised).as("a new refusal after a success is news again").hasSize(2);
    }

    @Test
    void aSlowAnswerIsAnUnknownOutcomeAndIsNeverResent() {
        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, FAMILY.e164(), SPANISH)
                .withFixedDelay(1_500)));

        SendOutcome outcome = notifier(throughService(URI.create(twilio.baseUrl()), Duration.ofMillis(300)))
                .send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(ANSWER_LOST);
        assertThat(requestsReceived()).isEqualTo(1);
    }

    @Test
    void aConnectionResetAfterSendingIsAnUnknownOutcome() {
        twilio.stubFor(messagesApi().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SendOutcome outcome = notifier().send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(ANSWER_LOST);
        assertThat(requestsReceived()).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerIsAnUnknownOutcome() {
        twilio.stubFor(messagesApi().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        SendOutcome outcome = notifier().send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(ANSWER_LOST);
        assertThat(requestsReceived()).isEqualTo(1);
    }

    @Test
    void anAcceptanceWeCannotReadIsAnUnknownOutcomeNotASuccessOrARetry() {
        Permanent unreadable = new Permanent(FailureReason.OUTCOME_UNKNOWN, "twilio answer unreadable");
        twilio.stubFor(messagesApi().willReturn(aResponse().withStatus(201).withBody("")));
        assertThat(notifier().send(toFamily(MESSAGING_SERVICE_SID))).isEqualTo(unreadable);

        twilio.stubFor(messagesApi().willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SM12")));
        assertThat(notifier().send(toFamily(MESSAGING_SERVICE_SID))).isEqualTo(unreadable);

        twilio.stubFor(messagesApi().willReturn(aResponse().withStatus(201).withBody("{\"status\": \"queued\"}")));
        assertThat(notifier().send(toFamily(MESSAGING_SERVICE_SID)))
                .isEqualTo(new Permanent(FailureReason.OUTCOME_UNKNOWN, "twilio accepted without a message sid"));

        assertThat(requestsReceived()).isEqualTo(3);
    }

    @Test
    void aRefusedConnectionSentNothingAndMayBeRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = notifier(throughService(URI.create("http://localhost:" + closedPort),
                Duration.ofSeconds(5))).send(toFamily(MESSAGING_SERVICE_SID));

        assertThat(outcome).isEqualTo(new Retryable(FailureReason.NETWORK_ERROR, Duration.ofSeconds(5)));
    }

    @Test
    void aConnectTimeoutSentNothingButAReadTimeoutMayHave() {
        TwilioConnectionFailure connectTimeout = TwilioConnectionFailure.of(
                new org.apache.hc.client5.http.ConnectTimeoutException("Connect timed out"));
        TwilioConnectionFailure readTimeout = TwilioConnectionFailure.of(
                new java.net.SocketTimeoutException("Read timed out"));
        TwilioConnectionFailure poolExhausted = TwilioConnectionFailure.of(
                new org.apache.hc.core5.http.ConnectionRequestTimeoutException("Timeout waiting for connection"));

        assertThat(connectTimeout.requestSent()).isFalse();
        assertThat(poolExhausted.requestSent()).isFalse();
        assertThat(readTimeout.requestSent()).isTrue();
        assertThat(TwilioOutcomes.classify(connectTimeout, clock.instant()))
                .isEqualTo(new Retryable(FailureReason.NETWORK_ERROR, Duration.ofSeconds(5)));
    }

    /** Hands the health indicator the one status object, as Spring's provider would. */
    static final class SingleProvider<T> implements org.springframework.beans.factory.ObjectProvider<T> {

        private final T value;

        SingleProvider(T value) {
            this.value = value;
        }

        @Override
        public T getObject() {
            return value;
        }

        @Override
        public T getObject(Object... args) {
            return value;
        }

        @Override
        public T getIfAvailable() {
            return value;
        }

        @Override
        public T getIfUnique() {
            return value;
        }
    }
}
