package org.aviso.gateway.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Prometheus Alertmanager on the same machine, sending to the same loopback stub: the yardstick the product holds
 * Aviso's fan-out to (at least three times its rate). Every alert gets its own group ({@code group_by: ['...']})
 * and goes out at once ({@code group_wait: 0s}) as one webhook, so one alert is one delivery, as one recipient is
 * for Aviso. Alertmanager keeps alerts in memory and snapshots its notification log every 15 minutes: it does not
 * make each delivery durable, which favours it.
 *
 * <p>Uses Debian's {@code prometheus-alertmanager} ({@code apt-get install -y prometheus-alertmanager}); on a
 * machine without it, {@link #find()} is empty and the benchmark says the comparison did not run.
 */
final class AlertmanagerRun implements AutoCloseable {

    private static final Path DEBIAN = Path.of("/usr/bin/prometheus-alertmanager");
    private static final int BATCH = 500;

    private final Process process;
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String version;

    static Optional<Path> find() {
        return Files.isExecutable(DEBIAN) ? Optional.of(DEBIAN) : Optional.empty();
    }

    AlertmanagerRun(Path binary, StubProviders stub) throws Exception {
        Path dir = Files.createTempDirectory("aviso-alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: stub
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 1h
                  repeat_interval: 24h
                receivers:
                  - name: stub
                    webhook_configs:
                      - url: %s/alertmanager
                        send_resolved: false
                """.formatted(stub.baseUrl()));
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        version = new String(new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start()
                .getInputStream().readAllBytes()).lines().findFirst().orElse("alertmanager").strip();
        process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Alertmanager did not start; see " + dir.resolve("alertmanager.log"));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Posts {@code count} distinct alerts through Alertmanager's API in batches and waits until the stub has received
     * all of them; returns the seconds from the first post to the last webhook, or -1 if that took over 10 minutes.
     */
    double fanOut(StubProviders stub, String run, int count) throws Exception {
        long before = stub.webhookAlerts.get();
        long started = System.nanoTime();
        String now = Instant.now().toString();
        for (int first = 0; first < count; first += BATCH) {
            StringBuilder body = new StringBuilder("[");
            for (int i = first; i < Math.min(count, first + BATCH); i++) {
                if (i > first) {
                    body.append(',');
                }
                body.append("{\"labels\":{\"alertname\":\"AvisoBenchmark\",\"run\":\"").append(run)
                        .append("\",\"recipient\":\"r").append(i).append("\"},\"annotations\":{\"summary\":\"drill\"},")
                        .append("\"startsAt\":\"").append(now).append("\"}");
            }
            body.append(']');
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Alertmanager refused the alerts: HTTP " + response.statusCode());
            }
        }
        while (stub.webhookAlerts.get() - before < count) {
            if (Duration.ofNanos(System.nanoTime() - started).toMinutes() >= 10) {
                return -1;
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
