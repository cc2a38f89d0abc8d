package org.aviso.gateway.notify.sms;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.Secret;
import org.aviso.gateway.settings.DemoMode;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.web.PublicUrls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.aviso.gateway.notify.sms.TwilioApiStubs.ACCOUNT_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.AUTH_TOKEN;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGING_SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The two Twilio webhooks as Spring MVC serves them. The security filter chain is left out here (the wiring test
 * runs the real one); what is checked is that only a correctly signed request reaches {@code InboundEvents}.
 */
@WebMvcTest(controllers = {TwilioStatusCallbackController.class, TwilioInboundController.class}, properties = {
        "aviso.twilio.account-sid=" + ACCOUNT_SID,
        "aviso.twilio.auth-token=" + AUTH_TOKEN,
        "aviso.twilio.messaging-service-sid=" + MESSAGING_SERVICE_SID})
@AutoConfigureMockMvc(addFilters = false)
@Import({TwilioWebhooksWebTest.Webhooks.class, DemoMode.class})
class TwilioWebhooksWebTest {

    static final String PUBLIC_BASE = "https://alerts.example.org";
    static final String OUR_NUMBER = "+15550001111";
    static final String FAMILY = "+15558675310";

    @TestConfiguration(proxyBeanMethods = false)
    static class Webhooks {

        @Bean
        PublicUrls publicUrls() {
            return new PublicUrls(PUBLIC_BASE);
        }

        @Bean
        TwilioWebhookSignature twilioWebhookSignature(PublicUrls urls) {
            return new TwilioWebhookSignature(Secret.of(AUTH_TOKEN), urls);
        }

        @Bean
        FakeInboundEvents inboundEvents() {
            return new FakeInboundEvents();
        }

        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeInboundEvents events;
    @Autowired
    TestClock clock;

    @BeforeEach
    void forgetEarlierTests() {
        events.clear();
        clock.set(TestClock.START);
    }

    static Map<String, String> statusCallback(String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", MESSAGE_SID);
        form.put("SmsSid", MESSAGE_SID);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("MessagingServiceSid", MESSAGING_SERVICE_SID);
        form.put("From", OUR_NUMBER);
        form.put("To", FAMILY);
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    static Map<String, String> inboundSms(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM0000000000000000000000000000abcd");
        form.put("SmsSid", "SM0000000000000000000000000000abcd");
        form.put("AccountSid", ACCOUNT_SID);
        form.put("MessagingServiceSid", MESSAGING_SERVICE_SID);
        form.put("From", FAMILY);
        form.put("To", OUR_NUMBER);
        form.put("Body", body);
        form.put("NumMedia", "0");
        form.put("NumSegments", "1");
        return form;
    }

    /** A POST as Twilio makes it: a form body, signed over the public URL and that body. */
    static MockHttpServletRequestBuilder signed(String path, Map<String, String> form) {
        return unsigned(path, form).header(TwilioWebhookSignature.HEADER,
                TwilioSigner.sign(AUTH_TOKEN, PUBLIC_BASE + path, form));
    }

    static MockHttpServletRequestBuilder unsigned(String path, Map<String, String> form) {
        MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        form.forEach((name, value) -> request.formField(name, value));
        return request;
    }

    @Test
    void aSignedStatusCallbackReachesThePipeline() throws Exception {
        mvc.perform(signed("/webhooks/twilio/status/42", statusCallback("delivered", null)))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));

        assertThat(events.statuses).containsExactly(new FakeInboundEvents.SmsStatus(42, MESSAGE_SID, "delivered",
                Optional.empty(), TestClock.START));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"undelivered, 30003", "undelivered, 30005", "failed, 30006", "undelivered, 30036"})
    void passesFailuresOnWithTheirErrorCodes(String status, int errorCode) throws Exception {
        mvc.perform(signed("/webhooks/twilio/status/7", statusCallback(status, String.valueOf(errorCode))))
                .andExpect(status().isNoContent());

        assertThat(events.statuses).singleElement().satisfies(callback -> {
            assertThat(callback.deliveryId()).isEqualTo(7);
            assertThat(callback.status()).isEqualTo(status);
            assertThat(callback.errorCode()).contains(errorCode);
        });
    }

    @Test
    void aTamperedParameterIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> genuine = statusCallback("undelivered", "30003");
        String signature = TwilioSigner.sign(AUTH_TOKEN, PUBLIC_BASE + "/webhooks/twilio/status/42", genuine);
        Map<String, String> tampered = new LinkedHashMap<>(genuine);
        tampered.put("MessageStatus", "delivered");

        mvc.perform(unsigned("/webhooks/twilio/status/42", tampered)
                        .header(TwilioWebhookSignature.HEADER, signature))
                .andExpect(status().isForbidden())
                .andExpect(content().string(""));

        assertThat(events.statuses).isEmpty();
    }

    @Test
    void aMissingSignatureIsRefusedAndChangesNothing() throws Exception {
        mvc.perform(unsigned("/webhooks/twilio/status/42", statusCallback("delivered", null)))
                .andExpect(status().isForbidden())
                .andExpect(content().string(""));

        assertThat(events.statuses).isEmpty();
    }

    @Test
    void aQueryStringParameterAddedToASignedCallbackIsRefused() throws Exception {
        mvc.perform(signed("/webhooks/twilio/status/42", statusCallback("sent", null))
                        .queryParam("ErrorCode", "30006"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(""));

        assertThat(events.statuses).isEmpty();
    }

    @Test
    void aSignedInboundReplyGetsTheHandlersAnswerAsTwiml() throws Exception {
        events.answerWith("Gracias, recibido. Niños & familias <seguros>.");

        String twiml = mvc.perform(signed("/webhooks/twilio/inbound", inboundSms("OK")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(twiml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "Gracias, recibido. Niños &amp; familias &lt;seguros&gt;.</Message></Response>");
        assertThat(events.replies).containsExactly(new InboundReply(Channel.SMS, OUR_NUMBER,
                Optional.of(PhoneNumber.of(FAMILY)), Optional.empty(), "OK", Optional.empty(), TestClock.START,
                false));
    }

    @Test
    void aSignedStopGetsAnEmptyResponseEvenWhenTheHandlerHadSomethingToSay() throws Exception {
        events.answerWith("Se canceló su suscripción.");

        mvc.perform(signed("/webhooks/twilio/inbound", inboundSms("stop ")))
                .andExpect(status().isOk())
                .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        assertThat(events.replies).singleElement().satisfies(reply -> {
            assertThat(reply.text()).isEqualTo("stop ");
            assertThat(reply.providerAnswersKeyword()).isTrue();
        });
    }

    @Test
    void aSpanishKeywordTwilioAnswersThroughAdvancedOptOutIsNotAnsweredTwice() throws Exception {
        events.answerWith("Ya no recibirá alertas por SMS.");
        Map<String, String> form = inboundSms("PARAR");
        form.put("OptOutType", "STOP");

        mvc.perform(signed("/webhooks/twilio/inbound", form))
                .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        assertThat(events.replies).singleElement().extracting(InboundReply::providerAnswersKeyword).isEqualTo(true);
    }

    @Test
    void aSpanishKeywordTwilioDoesNotKnowIsAnsweredByAviso() throws Exception {
        events.answerWith("Ya no recibirá alertas por SMS. Responda COMENZAR para volver.");

        mvc.perform(signed("/webhooks/twilio/inbound", inboundSms("Parar")))
                .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + "Ya no recibirá alertas por SMS. Responda COMENZAR para volver.</Message></Response>"));

        assertThat(events.replies).singleElement().extracting(InboundReply::providerAnswersKeyword).isEqualTo(false);
    }

    @Test
    void nothingToSayIsAnEmptyResponse() throws Exception {
        mvc.perform(signed("/webhooks/twilio/inbound", inboundSms("1")))
                .andExpect(status().isOk())
                .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
    }

    @Test
    void anUnsignedInboundSmsIsRefusedAndNotRecorded() throws Exception {
        events.answerWith("should never be sent");

        mvc.perform(unsigned("/webhooks/twilio/inbound", inboundSms("OK")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(""));

        assertThat(events.replies).isEmpty();
    }

    @Test
    void usesTheClockForWhenItHeard() throws Exception {
        Instant later = clock.advance(java.time.Duration.ofMinutes(3));

        mvc.perform(signed("/webhooks/twilio/status/9", statusCallback("sent", null)));

        assertThat(events.statuses).singleElement().extracting(FakeInboundEvents.SmsStatus::at).isEqualTo(later);
    }
}
