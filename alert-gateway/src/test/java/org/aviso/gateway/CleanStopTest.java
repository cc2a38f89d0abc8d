package org.aviso.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping Aviso with Ctrl-C (SIGINT, what the README's run command gets) or a service manager's SIGTERM is a
 * normal end: the process exits 0 after closing everything, so {@code spring-boot:run} prints no error block. The
 * application runs as a real process of its own (demo mode, embedded PostgreSQL in a fresh data folder) and gets
 * the real signal.
 */
class CleanStopTest {

    @TempDir
    Path data;

    // SIGINT is what Ctrl-C sends; SIGTERM (what spring-boot:run sends a child that takes over 5 s to stop, and what
    // systemd sends) takes the same handler in CleanStop. One real start is enough for the test budget.
    @ParameterizedTest
    @ValueSource(strings = {"INT"})
    void aStopSignalEndsTheProcessWithStatusZeroAndStopsTheDatabase(String signal) throws Exception {
        Path log = data.resolve("out.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                AvisoApplication.class.getName(),
                "--server.port=0", "--aviso.data-dir=" + data.resolve("aviso-data"),
                "--aviso.demo.simulation.auto-replies=false"));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // started, and the first start's example data written (the seeding runs just after "Started")
            awaitLine(log, "Demo data created", Duration.ofSeconds(150), app);
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(app.pid())).inheritIO().start().waitFor();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            // a stop takes a few seconds; one that waits out the connection pool's 30 s timeout has stopped the
            // database before what still uses it
            long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
            System.out.println("CleanStopTest: stopped " + stopSeconds + " s after SIG" + signal);
            assertThat(stopSeconds).as("seconds from SIG%s to the end of the process", signal).isLessThan(25);

            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(app.exitValue()).as("exit status after SIG" + signal + "; output:%n%s", tail(output)).isZero();
            assertThat(output).doesNotContain(" ERROR ").doesNotContain("Exception");
            assertThat(data.resolve("aviso-data")).isDirectory();
            try (var files = Files.walk(data.resolve("aviso-data"))) {
                assertThat(files.filter(p -> p.getFileName().toString().equals("postmaster.pid")).toList())
                        .as("the embedded PostgreSQL was stopped with the application").isEmpty();
            }
        } finally {
            app.destroyForcibly();
            app.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitLine(Path log, String line, Duration within, Process app)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!app.isAlive()) {
                throw new AssertionError("the application ended before starting:\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not start in " + within + ":\n"
                + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
