package org.aviso.gateway.notify.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.Secret;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SendOutcome.Permanent;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.web.PublicUrls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.mock.web.MockHttpServletRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.ACCOUNT_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.AUTH_TOKEN;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGING_SERVICE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.error;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.messagesApi;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forces every way an SMS can fail, with Twilio's answers quoting the number and the text as real ones do, and checks
 * that no log line (at DEBUG, SDK included), exception message or outcome detail shows the auth token, the
 * recipient's full number or the message text.
 */
class TwilioLeaksNoSecretTest {

    static final PhoneNumber FAMILY = PhoneNumber.of("+15558675310");
    static final String TEXT = "Reúnanse en la biblioteca Quetzalcóatl";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final List<Logger> madeVerbose = List.of((Logger) LoggerFactory.getLogger("org.aviso.gateway.notify.sms"),
            (Logger) LoggerFactory.getLogger("com.twilio"));
    final List<String> seen = new ArrayList<>();
    final List<TwilioHttpClient> clients = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        madeVerbose.forEach(logger -> logger.setLevel(Level.DEBUG));
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        madeVerbose.forEach(logger -> logger.setLevel(null));
        clients.forEach(TwilioHttpClient::close);
    }

    TwilioProperties properties(URI api, Duration readTimeout) {
        return new TwilioProperties(ACCOUNT_SID, Secret.of(AUTH_TOKEN), MESSAGING_SERVICE_SID, List.of(), 1.0,
                Duration.ofSeconds(900), api, Duration.ofSeconds(2), readTimeout);
    }

    TwilioRestClient client(TwilioProperties properties) {
        TwilioHttpClient http = new TwilioHttpClient(properties.apiBase(), properties.connectTimeout(),
                properties.readTimeout());
        clients.add(http);
        return new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN).httpClient(http).build();
    }

    /** Sends through the notifier and, separately, straight through the SDK to catch the exception itself. */
    void failOnce(TwilioProperties properties) {
        TwilioRestClient client = client(properties);
        TwilioSmsNotifier notifier = new TwilioSmsNotifier(client, properties,
                new PublicUrls("https://alerts.example.org"), new FakeChannelTasks(), new TwilioCredentialStatus(),
                new TestClock());
        OutboundMessage message = new OutboundMessage(4711, MESSAGING_SERVICE_SID, FAMILY, TEXT, 1);
        SendOutcome outcome = notifier.send(message);
        seen.add(outcome.toString());
        if (outcome instanceof Permanent permanent) {
            seen.add(permanent.detail());
        }
        seen.add(message.toString());
        try {
            Message.creator(new com.twilio.type.PhoneNumber(FAMILY.e164()), MESSAGING_SERVICE_SID, TEXT)
                    .create(client);
        } catch (RuntimeException failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                seen.add(t.toString());
            }
        }
    }

    void failOnce(ResponseDefinitionBuilder answer) {
        twilio.stubFor(messagesApi().willReturn(answer));
        failOnce(properties(URI.create(twilio.baseUrl()), Duration.ofSeconds(5)));
    }

    @Test
    void noFailureShowsTheTokenTheNumberOrTheText() throws IOException {
        String quoting = "The 'To' number " + FAMILY.e164() + " is not a valid phone number. Body: " + TEXT;
        for (int[] answer : new int[][] {{400, 21211}, {400, 21614}, {400, 21610}, {429, 20429}, {500, 20500},
                {503, 20503}, {401, 20003}, {400, 21611}, {400, 21408}, {403, 20008}}) {
            failOnce(error(answer[0], answer[1], quoting));
        }
        failOnce(aResponse().withStatus(502).withBody("<html>" + quoting + "</html>"));
        failOnce(aResponse().withStatus(201).withBody(TEXT + " " + FAMILY.e164()));
        failOnce(aResponse().withStatus(201).withBody("{\"to\": \"" + FAMILY.e164() + "\", \"body\": \"" + TEXT));
        failOnce(aResponse().withStatus(201).withBody(""));
        failOnce(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        failOnce(aResponse().withFault(Fault.EMPTY_RESPONSE));
        failOnce(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        twilio.stubFor(messagesApi().willReturn(error(400, 21211, quoting).withFixedDelay(1_000)));
        failOnce(properties(URI.create(twilio.baseUrl()), Duration.ofMillis(200)));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        failOnce(properties(URI.create("http://localhost:" + closedPort), Duration.ofSeconds(1)));

        refuseAndHearWebhooks();
        seen.add(properties(null, Duration.ofSeconds(1)).toString());
        logs.list.forEach(event -> {
            seen.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                seen.add(t.getClassName() + ": " + t.getMessage());
            }
        });

        String everything = String.join("\n", seen);
        assertThat(everything).as("what was captured").contains("4711", "twilio 21211", "OUTCOME_UNKNOWN",
                "NETWORK_ERROR", "Refused a status callback");
        assertThat(everything)
                .doesNotContain(AUTH_TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                        .getBytes(StandardCharsets.US_ASCII)))
                .doesNotContain(FAMILY.e164())
                .doesNotContain(FAMILY.e164().substring(1))
                .doesNotContain(TEXT)
                .doesNotContain("Reúnanse")
                .doesNotContain("Quetzalcóatl");
    }

    /** The webhooks' own logs: a refused callback, a callback without a sid, a refused and a heard reply. */
    void refuseAndHearWebhooks() {
        FakeInboundEvents events = new FakeInboundEvents();
        TestClock clock = new TestClock();
        TwilioWebhookSignature signature = new TwilioWebhookSignature(Secret.of(AUTH_TOKEN),
                new PublicUrls("https://alerts.example.org"));
        TwilioStatusCallbackController callbacks = new TwilioStatusCallbackController(signature, events, clock);
        TwilioInboundController inbound = new TwilioInboundController(signature, events, clock, false);
        Function<Map<String, String>, MockHttpServletRequest> form = fields -> {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/twilio/inbound");
            fields.forEach(request::addParameter);
            return request;
        };

        MockHttpServletRequest unsigned = form.apply(Map.of("MessageSid", MESSAGE_SID, "To", FAMILY.e164(),
                "MessageStatus", "failed"));
        unsigned.setRequestURI("/webhooks/twilio/status/4711");
        seen.add(String.valueOf(callbacks.status(4711, unsigned)));

        Map<String, String> noSid = Map.of("To", FAMILY.e164(), "MessageStatus", "failed");
        MockHttpServletRequest signedWithoutSid = form.apply(noSid);
        signedWithoutSid.setRequestURI("/webhooks/twilio/status/4711");
        signedWithoutSid.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(AUTH_TOKEN, "https://alerts.example.org/webhooks/twilio/status/4711", noSid));
        seen.add(String.valueOf(callbacks.status(4711, signedWithoutSid)));

        Map<String, String> reply = Map.of("From", FAMILY.e164(), "To", "+15550001111", "Body", TEXT);
        MockHttpServletRequest signedReply = form.apply(reply);
        signedReply.addHeader(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(AUTH_TOKEN, "https://alerts.example.org/webhooks/twilio/inbound", reply));
        seen.add(String.valueOf(inbound.inbound(form.apply(reply))));
        events.answerWith("Recibido");
        seen.add(String.valueOf(inbound.inbound(signedReply).getStatusCode()));
        events.replies.forEach(heard -> seen.add(heard.toString()));
    }
}
