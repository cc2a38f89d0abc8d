package org.aviso.gateway.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL the suite runs itself (the gateway reaches it through {@code SPRING_DATASOURCE_URL}), on a copy of
 * the seeded cluster, so that it can be restarted under the gateway. Uses Debian's binaries when their major
 * version matches the cluster's, else the ones the embedded database unpacked under the temporary folder. As
 * root (PostgreSQL refuses to run as root) it runs in a user namespace ({@code unshare -Uu}), as the embedded
 * library does.
 */
final class ExternalPostgres {

    private final Path cluster;
    private final int port;
    private final Path log;
    private final Path postgres;
    private Process process;

    ExternalPostgres(Path cluster, int port, Path log) throws IOException, InterruptedException {
        this.cluster = cluster;
        this.port = port;
        this.log = log;
        String major = Files.readString(cluster.resolve("PG_VERSION")).trim();
        this.postgres = binary(major).orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL " + major + " binaries (Debian's or the embedded ones) to run the restart trial"));
    }

    private static Optional<Path> binary(String major) throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/lib/postgresql", major, "bin", "postgres"));
        Path embedded = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (Files.isDirectory(embedded)) {
            try (Stream<Path> dirs = Files.list(embedded)) {
                dirs.map(d -> d.resolve("bin").resolve("postgres")).forEach(candidates::add);
            }
        }
        for (Path bin : candidates) {
            if (!Files.isExecutable(bin)) {
                continue;
            }
            Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            if (version.matches(".*\\s" + major + "\\.\\d+.*")) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    void start() throws IOException, InterruptedException {
        Files.deleteIfExists(cluster.resolve("postmaster.pid"));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-Uu"));
        }
        command.addAll(List.of(postgres.toString(), "-D", cluster.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + cluster.getParent(),
                "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_connections=300", "-c", "timezone=UTC"));
        long mark = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited; see " + log);
            }
            String text = Files.readString(log);
            if (text.length() > mark && text.substring((int) mark).contains("ready to accept connections")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("PostgreSQL did not become ready; see " + log);
    }

    /** As a crash of the database server: SIGQUIT (immediate shutdown, no checkpoint), a pause, a start. */
    void restartImmediately(Duration down) throws IOException, InterruptedException {
        signal("QUIT");
        Thread.sleep(down.toMillis());
        start();
    }

    void stop() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            signal("INT"); // fast shutdown
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
