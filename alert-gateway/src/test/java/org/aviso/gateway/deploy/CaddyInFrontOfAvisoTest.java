package org.aviso.gateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.aviso.gateway.security.RateLimits;
import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.Visits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Caddyfile, run by the real Caddy on loopback in front of the real gateway, set up as the deploy guide
 * says (AVISO_TRUSTED_PROXIES names Caddy's address): the gateway believes Caddy's headers, and Caddy never passes
 * on a visitor's own, so a visitor who forges a fresh address on every request is still one client to every limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "aviso.trusted-proxies=127.0.0.1")
@ActiveProfiles("test")
@ExtendWith(CleanDatabaseExtension.class)
class CaddyInFrontOfAvisoTest {

    @TempDir
    static Path home;
    static Process caddy;
    static int caddyPort;

    @LocalServerPort
    int avisoPort;
    @Autowired
    RateLimits limits;

    @BeforeEach
    void caddyInFrontOfTheGateway() throws Exception {
        limits.reset();
        if (caddy != null) {
            return;
        }
        var adapted = CaddyfileTest.adapt(home, Map.of("AVISO_UPSTREAM", "127.0.0.1:" + avisoPort));
        caddyPort = CaddyfileTest.freePort();
        Path config = home.resolve("loopback.json");
        Files.writeString(config, JsonMapper.shared().writeValueAsString(CaddyfileTest.onLoopback(adapted, caddyPort)));
        ProcessBuilder run = new ProcessBuilder("caddy", "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("caddy.log").toFile());
        run.environment().putAll(CaddyfileTest.caddyHome(home));
        caddy = run.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!CaddyfileTest.listening(caddyPort)) {
            assertThat(caddy.isAlive()).as("caddy is running: " + Files.readString(home.resolve("caddy.log"))).isTrue();
            assertThat(System.nanoTime()).as("caddy listens within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopCaddy() throws InterruptedException {
        if (caddy != null) {
            caddy.destroy();
            caddy.waitFor();
        }
    }

    private static int answered(Visits visits, int requests) {
        int answered = 0;
        for (int i = 0; i < requests; i++) {
            int status = visits.get("/v/ABCD2345", Visits.spoofed()).status();
            assertThat(status).isIn(200, 429);
            if (status == 200) {
                answered++;
            }
        }
        return answered;
    }

    @Test
    void throughCaddyForgedAddressesChangeNoLimit() {
        long start = System.nanoTime();
        int answered = answered(new Visits("http://127.0.0.1:" + caddyPort), 40);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        System.out.printf("through the real Caddy, forged headers: /v/{code} 40 requests in %d s, %d answered%n",
                seconds, answered);
        // 30 a minute: the bucket refills one every 2 s while the requests run
        assertThat(answered).isLessThan(40).isBetween(30, 30 + (int) (seconds / 2) + 1);
    }

    @Test
    void theGatewayDoesBelieveTheTrustedProxysHeaders() {
        // the same forged headers sent straight from the trusted address count as 40 different visitors: so the limit
        // above holds only because Caddy replaced them
        int answered = answered(new Visits("http://127.0.0.1:" + avisoPort), 40);

        assertThat(answered).isEqualTo(40);
    }
}
