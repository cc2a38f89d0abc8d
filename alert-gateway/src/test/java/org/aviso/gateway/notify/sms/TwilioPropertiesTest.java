package org.aviso.gateway.notify.sms;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aviso.gateway.crypto.Secret;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.aviso.gateway.notify.sms.TwilioApiStubs.ACCOUNT_SID;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.AUTH_TOKEN;
import static org.aviso.gateway.notify.sms.TwilioApiStubs.MESSAGING_SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwilioPropertiesTest {

    static TwilioProperties bind(Map<String, String> values) {
        Map<String, String> prefixed = new HashMap<>();
        values.forEach((key, value) -> prefixed.put("aviso.twilio." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("aviso.twilio", TwilioProperties.class);
    }

    static Map<String, String> account(String... more) {
        Map<String, String> values = new HashMap<>(Map.of("account-sid", ACCOUNT_SID, "auth-token", AUTH_TOKEN));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void bindsAMessagingServiceAccountWithAvisosDefaults() {
        TwilioProperties properties = bind(account("messaging-service-sid", MESSAGING_SERVICE_SID));

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.authToken()).isEqualTo(Secret.of(AUTH_TOKEN));
        assertThat(properties.messagingService()).contains(MESSAGING_SERVICE_SID);
        assertThat(properties.fromNumbers()).isEmpty();
        assertThat(properties.ratePerSecond()).isEqualTo(1.0);
        assertThat(properties.validityPeriod()).isEqualTo(Duration.ofSeconds(900));
        assertThat(properties.apiBase()).isEmpty();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void bindsFromNumbersWrittenAsOneEnvironmentVariable() {
        TwilioProperties properties = bind(account("from-numbers", "+15550001111, +15550002222",
                "rate-per-second", "3", "validity-period", "30m", "api-base-url", "http://localhost:8089"));

        assertThat(properties.fromNumbers()).containsExactly("+15550001111", "+15550002222");
        assertThat(properties.messagingService()).isEmpty();
        assertThat(properties.ratePerSecond()).isEqualTo(3.0);
        assertThat(properties.validityPeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.apiBase()).contains(URI.create("http://localhost:8089"));
    }

    @Test
    void readsABareValidityPeriodAsSecondsLikeTwilio() {
        TwilioProperties properties = bind(account("messaging-service-sid", MESSAGING_SERVICE_SID,
                "validity-period", "600"));

        assertThat(properties.validityPeriod()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void neverShowsTheAuthTokenInItsText() {
        TwilioProperties properties = bind(account("messaging-service-sid", MESSAGING_SERVICE_SID));

        assertThat(properties.toString()).doesNotContain(AUTH_TOKEN).contains(ACCOUNT_SID);
    }

    @Test
    void isOffWithoutAnAccountSidAndThenChecksNothing() {
        assertThat(bind(Map.of()).enabled()).isFalse();
        assertThat(bind(Map.of("account-sid", " ", "rate-per-second", "-1")).enabled()).isFalse();
        assertThat(bind(Map.of("account-sid", "", "auth-token", "")).authToken()).isNull();
    }

    @Test
    void needsExactlyOneOfMessagingServiceAndFromNumbers() {
        assertThatThrownBy(() -> bind(account()))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("Set exactly one of "
                        + "aviso.twilio.messaging-service-sid (AVISO_TWILIO_MESSAGING_SERVICE_SID, preferred) and "
                        + "aviso.twilio.from-numbers (AVISO_TWILIO_FROM_NUMBERS), not neither"));
        assertThatThrownBy(() -> bind(account("messaging-service-sid", MESSAGING_SERVICE_SID,
                "from-numbers", "+15550001111")))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageEndingWith("not both"));
    }

    @Test
    void explainsEachSettingItRefuses() {
        assertThatThrownBy(() -> bind(account("from-numbers", "+15550001111,5550002222")))
                .satisfies(e -> assertThat(rootCause(e)).hasMessage(
                        "aviso.twilio.from-numbers[1] must be a Twilio number in E.164 form, such as +15551234567"));
        assertThatThrownBy(() -> bind(account("messaging-service-sid", MESSAGING_SERVICE_SID,
                "validity-period", "11h")))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("between 1s and 36000s"));
        assertThatThrownBy(() -> bind(account("messaging-service-sid", MESSAGING_SERVICE_SID,
                "rate-per-second", "0")))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("AVISO_TWILIO_RATE_PER_SECOND"));
        assertThatThrownBy(() -> bind(Map.of("account-sid", ACCOUNT_SID, "messaging-service-sid",
                MESSAGING_SERVICE_SID)))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("AVISO_TWILIO_AUTH_TOKEN"));
        assertThatThrownBy(() -> bind(account("account-sid", "SK0123", "messaging-service-sid",
                MESSAGING_SERVICE_SID)))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("Account SID from the Twilio console"));
    }

    @Test
    void anEmptyAuthTokenIsRefusedWithoutEchoingAnything() {
        assertThatThrownBy(() -> bind(account("auth-token", "", "messaging-service-sid", MESSAGING_SERVICE_SID)))
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("AVISO_TWILIO_AUTH_TOKEN"));
    }

    @Test
    void keepsRateAndValidityAsConfiguredForTheNotifier() {
        TwilioProperties properties = new TwilioProperties(ACCOUNT_SID, Secret.of(AUTH_TOKEN), null,
                List.of("+15550001111"), 2.5, Duration.ofSeconds(1), null, Duration.ofSeconds(1),
                Duration.ofSeconds(1));

        assertThat(properties.ratePerSecond()).isEqualTo(2.5);
        assertThat(properties.validityPeriod()).isEqualTo(Duration.ofSeconds(1));
    }
}
