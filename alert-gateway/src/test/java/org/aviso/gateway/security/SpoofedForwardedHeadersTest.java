package org.aviso.gateway.security;

import java.util.Map;

import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.Visits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server on loopback, with no trusted proxy configured (the default): a stranger who writes a fresh
 * address into {@code X-Forwarded-For} or {@code Forwarded} on every request is still counted as the one client
 * they are, at every door a per-client limit guards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(CleanDatabaseExtension.class)
class SpoofedForwardedHeadersTest {

    @LocalServerPort
    int port;
    @Autowired
    RateLimits limits;

    Visits visits;

    @BeforeEach
    void setUp() {
        limits.reset();
        visits = new Visits("http://127.0.0.1:" + port);
    }

    @Test
    void alertCodeChecksStopAtThirtyAMinuteWhateverAddressTheHeadersClaim() {
        for (Map<String, String> headers : java.util.List.of(Visits.spoofed(true, false), Visits.spoofed(false, true))) {
            limits.reset();
            int passed = 0;
            int throttled = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                int status = visits.get("/v/ABCD2345", Visits.spoofed(headers.containsKey("X-Forwarded-For"),
                        headers.containsKey("Forwarded"))).status();
                if (status == 429) {
                    throttled++;
                } else {
                    passed++;
                }
            }
            System.out.printf("spoofed %s: /v/{code} 40 requests, %d answered, %d throttled%n", headers.keySet(),
                    passed, throttled);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            // 30 a minute: the bucket refills one every 2 s while the requests run
            assertThat(throttled).as("checks throttled with " + headers.keySet()).isPositive();
            assertThat(passed).isBetween(30, 30 + (int) (seconds / 2) + 1);
        }
    }

    @Test
    void signInAttemptsStopAtTenAMinuteWhateverAddressTheHeadersClaim() {
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 15; i++) {
            Visits.Answer answer = visits.postForm("/signin",
                    Map.of("username", "nobody-" + i, "passphrase", "not a real passphrase", "code", "123456"),
                    Visits.spoofed());
            assertThat(answer.status()).isEqualTo(302);
            if (!answer.location().endsWith("/signin?throttled")) {
                passed++;
            }
        }
        System.out.printf("spoofed headers: sign-in 15 attempts, %d reached the passphrase check%n", passed);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(passed).as("10 a minute: one more every 6 s").isLessThan(15)
                .isBetween(10, 10 + (int) (seconds / 6) + 1);
    }

    @Test
    void enrollmentCodesStopAtTenWhateverAddressTheHeadersClaim() {
        int answered = 0;
        int throttled = 0;
        for (int i = 0; i < 14; i++) {
            int status = visits.postForm("/enroll", Map.of("code", "WRONG-CODE-" + i), Visits.spoofed()).status();
            if (status == 429) {
                throttled++;
            } else {
                assertThat(status).isEqualTo(400);
                answered++;
            }
        }
        System.out.printf("spoofed headers: enrollment 14 attempts, %d checked, %d throttled%n", answered, throttled);
        assertThat(answered).isEqualTo(10);
    }

    @Test
    void everyPageSaysNoPageMayUseTheCameraOrLocationAndPlainHttpGetsNoHsts() {
        Visits.Answer page = visits.get("/v", Map.of());

        assertThat(page.header("Permissions-Policy")).contains("camera=()").contains("geolocation=()");
        assertThat(page.header("Strict-Transport-Security")).as("HSTS with an http public address").isNull();
    }
}
