package org.aviso.gateway.notify.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the Signal channel: signal-cli answers its liveness check and is recent enough (see
 * {@link SignalVersion}). The details also say whether the event stream, which brings receipts and replies, is
 * connected, and how long ago it last heard anything (a keep-alive comes every 15 s).
 */
final class SignalHealthIndicator implements HealthIndicator {

    private final SignalRpcClient client;
    private final SignalEventStream events;
    private final Clock clock;

    SignalHealthIndicator(SignalRpcClient client, SignalEventStream events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health.Builder health = assess();
        health.withDetail("eventStreamConnected", events.connected());
        Optional<Duration> silence = events.lastHeard().map(at -> Duration.between(at, clock.instant()));
        health.withDetail("secondsSinceLastEvent", silence.<Object>map(Duration::toSeconds).orElse("never"));
        return health.build();
    }

    private Health.Builder assess() {
        RpcResult<Void> check = client.check();
        if (!(check instanceof RpcResult.Ok)) {
            return Health.down().withDetail("reason",
                    "signal-cli does not answer at " + SignalRpcClient.CHECK_PATH + " ("
                            + SignalRpcClient.describe(check) + ")");
        }
        RpcResult<String> reported = client.version();
        if (!(reported instanceof RpcResult.Ok<String> ok)) {
            return Health.down().withDetail("reason",
                    "signal-cli did not tell its version (" + SignalRpcClient.describe(reported) + ")");
        }
        Optional<SignalVersion> version = SignalVersion.parse(ok.value());
        if (version.isEmpty()) {
            // the daemon's own text stays out of the details
            return Health.down().withDetail("reason", "signal-cli reports a version Aviso does not recognise");
        }
        if (!version.get().isSupported()) {
            return Health.down().withDetail("version", version.get().toString()).withDetail("reason",
                    "signal-cli " + version.get() + " is older than " + SignalVersion.MINIMUM);
        }
        return Health.up().withDetail("version", version.get().toString());
    }
}
