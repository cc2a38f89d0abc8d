package org.aviso.gateway.web;

import java.util.Map;

import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.Visits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server, with an https public address (Caddy ends TLS in front of it): the error page asked for directly
 * answers "not found", never 500, and it and every other page carry the same security headers, HSTS included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aviso.public-base-url=https://alerts.example.org")
@ActiveProfiles("test")
@ExtendWith(CleanDatabaseExtension.class)
class ErrorPagesTest {

    @LocalServerPort
    int port;

    @Test
    void theErrorPathAskedForDirectlyIsNotFoundWithTheSecurityHeaders() {
        Visits visits = new Visits("http://127.0.0.1:" + port);
        for (String path : new String[] {"/error", "/error?x=1", "/v", "/signin", "/no-such-page"}) {
            Visits.Answer answer = visits.get(path, Map.of("Accept", "text/html"));

            assertThat(answer.status()).as(path).isLessThan(500);
            assertThat(answer.header("Strict-Transport-Security")).as(path).contains("max-age=31536000");
            assertThat(answer.header("Permissions-Policy")).as(path).contains("camera=()");
            assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
        }
        assertThat(visits.get("/error", Map.of("Accept", "text/html")).status()).isEqualTo(404);
    }
}
