package org.aviso.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The fault suite's own instruments, against published vectors: the Twilio stand-in signs callbacks as Twilio
 * does (the known vector in the Twilio contract, from twilio-java's RequestValidatorTest), and the console client
 * computes TOTP codes as RFC 6238 does (its SHA-1 test vector, last 6 digits). If either were wrong, every
 * callback would be refused or every sign-in would fail, and the suite would measure nothing.
 */
class FaultSuiteToolsTest {

    @Test
    void callbacksAreSignedAsTwilioSignsThem() {
        String signature = TwilioStandIn.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
                Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309", "Digits", "1234", "From",
                        "+14158675309", "To", "+18005551212"));
        assertThat(signature).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void totpCodesFollowRfc6238() {
        // RFC 6238 appendix B: secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), T = 59 s
        assertThat(ConsoleSession.totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59 / 30)).isEqualTo("287082");
        assertThat(ConsoleSession.totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1111111109L / 30)).isEqualTo("081804");
    }

    @Test
    void aPopulationHasTheMixItSays() {
        Population population = new Population(1000, 12L);
        assertThat(population.families).hasSize(1000);
        assertThat(population.families.stream().filter(f -> f.smsRefusal() == 21211)).hasSize(10);
        assertThat(population.families.stream().filter(f -> f.smsRefusal() == 21610)).hasSize(10);
        assertThat(population.families.stream().filter(f -> f.smsRefusal() == 21614)).hasSize(10);
        assertThat(population.families.stream().filter(Population.Family::onSignal).count()).isBetween(550L, 650L);
        assertThat(population.byNumber).hasSize(1000);
    }
}
