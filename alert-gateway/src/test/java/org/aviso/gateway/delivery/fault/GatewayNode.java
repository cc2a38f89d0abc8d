package org.aviso.gateway.delivery.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aviso.gateway.AvisoApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole gateway process for fault tests, on a database shared with other nodes: started and stopped at will,
 * with real Signal and Twilio clients pointed at WireMock.
 */
final class GatewayNode {

    static final String TEST_SECRET = "dGVzdC1vbmx5LW1hc3Rlci1zZWNyZXQtMzItYnl0ZXMhIQ==";
    static final String SIGNAL_ACCOUNT = "+15550100001";
    static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    static final String TWILIO_SERVICE = "MG0123456789abcdef0123456789abcdef";

    private GatewayNode() {
    }

    static ConfigurableApplicationContext start(String databaseUrl, Path dataDir, String signalUrl, String twilioUrl,
            String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "spring.datasource.hikari.maximum-pool-size=20",
                "aviso.data-dir=" + dataDir,
                "aviso.crypto.master-secret=" + TEST_SECRET,
                "aviso.demo.seed-on-start=false",
                "aviso.scheduling.enabled=false",
                "aviso.public-base-url=https://alerts.example.org",
                "aviso.signal.base-url=" + signalUrl,
                "aviso.signal.accounts=" + SIGNAL_ACCOUNT,
                "aviso.signal.rate-per-second=100000",
                "aviso.signal.max-recipients-per-call=1",
                "aviso.signal.reachability-interval=1h",
                "aviso.signal.group-sync-interval=1h",
                "aviso.twilio.account-sid=" + TWILIO_SID,
                "aviso.twilio.auth-token=fault-test-token",
                "aviso.twilio.messaging-service-sid=" + TWILIO_SERVICE,
                "aviso.twilio.api-base-url=" + twilioUrl,
                "aviso.twilio.rate-per-second=100000",
                "aviso.delivery.lease=3s",
                "aviso.delivery.idle-poll=50ms",
                "logging.level.root=warn",
                "logging.level.org.aviso.gateway.delivery=info"));
        for (String extra : more) {
            // a later setting replaces the default (repeated command-line arguments would be joined)
            String key = extra.substring(0, extra.indexOf('=') + 1);
            properties.removeIf(p -> p.startsWith(key));
            properties.add(extra);
        }
        // as command-line arguments: they win over application.yml (builder "properties" are only defaults)
        return new SpringApplicationBuilder(AvisoApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }
}
