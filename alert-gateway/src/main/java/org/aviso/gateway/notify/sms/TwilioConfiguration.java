package org.aviso.gateway.notify.sms;

import java.time.Clock;

import com.twilio.http.TwilioRestClient;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The SMS channel's beans, present only when a Twilio account is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(TwilioConfigured.class)
class TwilioConfiguration {

    @Bean
    TwilioHttpClient twilioHttpClient(TwilioProperties properties) {
        return new TwilioHttpClient(properties.apiBase(), properties.connectTimeout(), properties.readTimeout());
    }

    @Bean
    TwilioRestClient twilioRestClient(TwilioProperties properties, TwilioHttpClient httpClient) {
        return new TwilioRestClient.Builder(properties.accountSid(), properties.authToken().reveal())
                .httpClient(httpClient)
                .build();
    }

    @Bean
    TwilioCredentialStatus twilioCredentialStatus() {
        return new TwilioCredentialStatus();
    }

    @Bean
    TwilioSmsNotifier twilioSmsNotifier(TwilioRestClient client, TwilioProperties properties, PublicUrls urls,
            ChannelTasks tasks, TwilioCredentialStatus credentials, Clock clock) {
        return new TwilioSmsNotifier(client, properties, urls, tasks, credentials, clock);
    }

    @Bean
    TwilioSentMessages twilioSentMessages(TwilioRestClient client) {
        return new TwilioSentMessages(client);
    }

    @Bean
    TwilioWebhookSignature twilioWebhookSignature(TwilioProperties properties, PublicUrls urls) {
        return new TwilioWebhookSignature(properties.authToken(), urls);
    }
}
