package org.aviso.gateway.notify.sms;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.http.TwilioRestClient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.ACCOUNT_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.AUTH_TOKEN;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGING_SERVICE_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.created;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.error;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.messagesApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application with a Twilio account configured: the channel's beans, the real security chain in front of
 * the webhooks, and the {@code sms} member of the readiness group. InboundEvents and ChannelTasks are replaced by
 * fakes so the test sees exactly what the channel hands to the pipeline.
 */
@AvisoTest
@AutoConfigureMockMvc
@Import(TwilioChannelWiringTest.PipelineFakes.class)
class TwilioChannelWiringTest {

    static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void twilioAccount(DynamicPropertyRegistry registry) {
        registry.add("aviso.public-base-url", () -> "https://alerts.example.org");
        registry.add("aviso.twilio.account-sid", () -> ACCOUNT_SID);
        registry.add("aviso.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("aviso.twilio.messaging-service-sid", () -> MESSAGING_SERVICE_SID);
        registry.add("aviso.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PipelineFakes {

        @Bean
        @org.springframework.context.annotation.Primary
        FakeInboundEvents inboundEvents() {
            return new FakeInboundEvents();
        }

        @Bean
        @org.springframework.context.annotation.Primary
        FakeChannelTasks channelTasks() {
            return new FakeChannelTasks();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeInboundEvents events;
    @Autowired
    FakeChannelTasks tasks;
    @Autowired
    TwilioSmsNotifier notifier;

    @BeforeEach
    void reset() {
        twilio.resetAll();
        events.clear();
    }

    static OutboundMessage message(long delivery) {
        return new OutboundMessage(delivery, MESSAGING_SERVICE_SID, PhoneNumber.of("+15558675310"), "Prueba", 1);
    }

    @Test
    void wiresOneTwilioClientAndAnSmsNotifierFromTheSettings() {
        assertThat(context.getBeansOfType(TwilioRestClient.class)).hasSize(1);
        Map<String, Notifier> notifiers = context.getBeansOfType(Notifier.class);
        assertThat(notifiers.values()).filteredOn(n -> n.channel() == Channel.SMS).containsExactly(notifier);

        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, "+15558675310", "Prueba")));
        assertThat(notifier.send(message(5))).isEqualTo(SendOutcome.Accepted.of(MESSAGE_SID));
    }

    @Test
    void webhooksPassTheRealSecurityChainOnlyWithASignature() throws Exception {
        Map<String, String> callback = TwilioWebhooksWebTest.statusCallback("delivered", null);

        mvc.perform(TwilioWebhooksWebTest.signed("/webhooks/twilio/status/5", callback))
                .andExpect(status().isNoContent());
        mvc.perform(TwilioWebhooksWebTest.unsigned("/webhooks/twilio/status/6", callback))
                .andExpect(status().isForbidden());
        mvc.perform(TwilioWebhooksWebTest.signed("/webhooks/twilio/inbound", TwilioWebhooksWebTest.inboundSms("OK")))
                .andExpect(status().isOk());

        assertThat(events.statuses).extracting(FakeInboundEvents.SmsStatus::deliveryId).containsExactly(5L);
        assertThat(events.replies).hasSize(1);
    }

    @Test
    void readinessIsDownWhileTwilioRefusesTheCredentialsAndUpAgainAfterASend() throws Exception {
        twilio.stubFor(messagesApi().willReturn(error(401, 20003, "Authenticate")));
        notifier.send(message(7));
        notifier.send(message(8));

        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"));
        assertThat(tasks.raised).extracting(FakeChannelTasks.Task::kind)
                .containsExactly(ChannelTasks.Kind.CREDENTIALS_REFUSED);

        twilio.stubFor(messagesApi().willReturn(created(MESSAGE_SID, "+15558675310", "Prueba")));
        notifier.send(message(9));

        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }
}
