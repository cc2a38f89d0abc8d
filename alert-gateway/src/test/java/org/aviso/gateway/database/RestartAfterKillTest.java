package org.aviso.gateway.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.AvisoApplication;
import org.aviso.gateway.settings.AvisoDataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash as it happens: the gateway runs as a process of its own and is killed with SIGKILL, which leaves its
 * embedded PostgreSQL running on the data folder. The next start on that folder must work the first time, within
 * 20 seconds, with the killed gateway's data.
 */
class RestartAfterKillTest {

    private static final String TEST_SECRET = "dGVzdC1vbmx5LW1hc3Rlci1zZWNyZXQtMzItYnl0ZXMhIQ==";

    @Test
    void aPostgresLeftRunningByAKilledGatewayIsStoppedAndTheNextStartIsReadyWithin20Seconds(@TempDir Path dataDir)
            throws Exception {
        Path cluster = dataDir.resolve("postgres");
        Process gateway = startGatewayProcess(dataDir);
        try {
            awaitStarted(gateway, Duration.ofMinutes(4));
            Optional<ProcessHandle> left = LeftoverPostmaster.runningServer(cluster);
            assertThat(left).as("the gateway's embedded PostgreSQL runs").isPresent();
            awaitSeeded(dataDir, Duration.ofMinutes(1));

            gateway.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(left.get().isAlive()).as("the killed gateway left its PostgreSQL running").isTrue();

            long started = System.nanoTime();
            try (EmbeddedPostgres again = new EmbeddedDatabaseConfiguration()
                    .embeddedPostgres(new AvisoDataDirectory(dataDir), new EmbeddedDatabaseProperties(0,
                            Duration.ofSeconds(60)))) {
                long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(readyMillis).as("ready after the restart, in ms").isLessThan(20_000);
                JdbcTemplate jdbc = new JdbcTemplate(again.getPostgresDatabase());
                assertThat(jdbc.queryForObject("select count(*) from network", Long.class))
                        .as("the killed gateway's data, on the restarted server").isOne();
                // stopped: gone, or a zombie waiting for init to reap it (it holds nothing any more)
                assertThat(LeftoverPostmaster.ended(left.get())).as("the leftover server was stopped").isTrue();
            }
        } finally {
            gateway.destroyForcibly();
            LeftoverPostmaster.runningServer(cluster).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Waits until the running gateway's first-start seed (one network) has committed. */
    private static void awaitSeeded(Path dataDir, Duration timeout) throws Exception {
        List<String> pid = java.nio.file.Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres";
        Path passwordFile = dataDir.resolve("postgres-password");
        String password = java.nio.file.Files.exists(passwordFile) ? java.nio.file.Files.readString(passwordFile).trim()
                : "";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", password);
                    java.sql.ResultSet r = c.createStatement().executeQuery("select count(*) from network")) {
                r.next();
                if (r.getLong(1) == 1) {
                    return;
                }
            } catch (java.sql.SQLException notYet) {
                // the schema is not there yet
            }
            assertThat(System.nanoTime()).as("the gateway seeded its first network in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Process startGatewayProcess(Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                AvisoApplication.class.getName()));
        for (String property : List.of("server.port=0", "server.address=127.0.0.1", "aviso.data-dir=" + dataDir,
                "aviso.crypto.master-secret=" + TEST_SECRET, "aviso.delivery.enabled=false",
                "aviso.scheduling.enabled=false", "aviso.demo.simulation.auto-replies=false",
                "logging.level.root=warn", "logging.level." + AvisoApplication.class.getName() + "=info")) {
            command.add("--" + property);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits for Spring Boot's "Started AvisoApplication" line, reading (and dropping) the rest of the output. */
    private static void awaitStarted(Process gateway, Duration timeout) throws Exception {
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains("Started " + AvisoApplication.class.getSimpleName())) {
                        started.complete(true);
                    }
                }
                started.complete(false);
            } catch (IOException e) {
                started.complete(false);
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(started.get(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("the gateway process started").isTrue();
    }
}
