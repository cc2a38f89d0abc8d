package org.aviso.gateway.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as its own operating-system process, started from the boot jar with environment variables as an
 * operator would, and ended with SIGKILL ({@link Process#destroyForcibly()}) or SIGTERM.
 */
final class GatewayProcess {

    static final String MASTER_SECRET = "ZmF1bHQtc3VpdGUtbWFzdGVyLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm";

    record Options(Path dataDir, boolean signal, String datasourceUrl, Path log) {
    }

    private final Path jar;
    private final int port;
    private final int signalPort;
    private final int twilioPort;
    private final int embeddedDbPort;
    private final Map<String, String> extra;
    private Process process;

    GatewayProcess(Path jar, int port, int signalPort, int twilioPort, int embeddedDbPort, Map<String, String> extra) {
        this.jar = jar;
        this.port = port;
        this.signalPort = signalPort;
        this.twilioPort = twilioPort;
        this.embeddedDbPort = embeddedDbPort;
        this.extra = extra;
    }

    String base() {
        return "http://localhost:" + port;
    }

    void start(Options options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AVISO_") || k.startsWith("SPRING_"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PORT", Integer.toString(port));
        settings.put("AVISO_PUBLIC_BASE_URL", base());
        settings.put("AVISO_DATA_DIR", options.dataDir().toString());
        settings.put("AVISO_EMBEDDED_DATABASE_PORT", Integer.toString(embeddedDbPort));
        settings.put("AVISO_DEMO_ENABLED", "false");
        settings.put("AVISO_CRYPTO_MASTER_SECRET", MASTER_SECRET);
        settings.put("AVISO_NETWORK_NAME", "Fault Suite Network");
        if (options.signal()) {
            settings.put("AVISO_SIGNAL_BASE_URL", "http://127.0.0.1:" + signalPort);
            settings.put("AVISO_SIGNAL_ACCOUNTS", Population.SIGNAL_ACCOUNT);
            settings.put("AVISO_SIGNAL_RATE_PER_SECOND", "40");
            settings.put("AVISO_SIGNAL_REACHABILITY_INTERVAL", "2s");
            settings.put("AVISO_SIGNAL_REACHABILITY_BATCH_SIZE", "250");
        }
        settings.put("AVISO_TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        settings.put("AVISO_TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        settings.put("AVISO_TWILIO_FROM_NUMBERS", Population.SMS_FROM);
        settings.put("AVISO_TWILIO_RATE_PER_SECOND", "40");
        settings.put("AVISO_TWILIO_API_BASE_URL", "http://localhost:" + twilioPort);
        settings.put("AVISO_SCHEDULING_ENABLED", "true");
        if (options.datasourceUrl() != null) {
            settings.put("SPRING_DATASOURCE_URL", options.datasourceUrl());
            settings.put("SPRING_DATASOURCE_USERNAME", "postgres");
            // the seeded cluster is the embedded one, which trusts nobody: its password is kept in the data folder
            Path password = options.dataDir().resolve("postgres-password");
            settings.put("SPRING_DATASOURCE_PASSWORD", Files.exists(password)
                    ? Files.readString(password, java.nio.charset.StandardCharsets.US_ASCII).trim() : "postgres");
        }
        settings.putAll(extra);
        env.putAll(settings);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(options.log().toFile()));
        process = builder.start();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Until the sign-in page answers 200; -1 when the process died or the time ran out. */
    long awaitReady(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - started < limit.toNanos()) {
            if (!process.isAlive()) {
                return -1;
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/signin"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM and wait for a clean exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(60),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /**
     * Ends a PostgreSQL the killed gateway started and left running (its postmaster.pid in the data folder), so
     * the next trial starts clean. Only a process this suite's gateway started is ever signalled.
     */
    static void endLeftoverPostgres(Path cluster) throws IOException, InterruptedException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!first.matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(first);
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            try {
                p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // gone or stuck: either way the next trial has its own folder
            }
        });
    }
}
