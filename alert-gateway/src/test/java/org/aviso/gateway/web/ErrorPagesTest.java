package org.aviso.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

    /**
     * Requests Tomcat refuses before Aviso sees them (a malformed request line, bad percent-encoding, a header line
     * that is not a header) answer 400 with Tomcat's error page; that page must carry the same security headers,
     * say nothing about the server, and never be a 5xx.
     */
    @Test
    void tomcatsOwnErrorPagesCarryTheSecurityHeaders() throws IOException {
        for (String request : List.of(
                "GET /v/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /signin?x=%G0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /a<b>{c} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nthis is not a header\r\nConnection: close\r\n\r\n",
                "BROKEN\r\n\r\n")) {
            String answer = raw(request);
            String what = request.substring(0, Math.min(request.length(), 24));
            String head = answer.contains("\r\n\r\n") ? answer.substring(0, answer.indexOf("\r\n\r\n")) : answer;
            String lower = head.toLowerCase(Locale.ROOT);
            assertThat(head).as(what).startsWith("HTTP/1.1 4");
            assertThat(lower).as(what).contains("content-security-policy: default-src 'self'",
                    "x-frame-options: deny", "x-content-type-options: nosniff", "referrer-policy: no-referrer",
                    "permissions-policy: camera=()", "strict-transport-security: max-age=31536000");
            assertThat(answer).as(what).doesNotContain("Apache Tomcat", "Exception", "at org.");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read.write(buffer, 0, n);
                }
            } catch (java.net.SocketException closed) {
                // Tomcat may reset the connection after answering a malformed request; what came is the answer
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
