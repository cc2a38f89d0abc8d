package org.aviso.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password: generated on first start, kept in a file of the data folder that
 * only the service's user can read, and required (scram-sha-256) for every connection. The library's {@code initdb}
 * trusts every local connection; before each start, with the server stopped, the password from the file is set in
 * the cluster (as a SCRAM verifier, so the password itself never reaches PostgreSQL) and {@code pg_hba.conf} is
 * replaced by one that trusts nothing. A data folder from before this existed is migrated the same way on its first
 * start with this version.
 */
final class ClusterPassword {

    private static final Logger log = LoggerFactory.getLogger(ClusterPassword.class);

    /** The file, beside the cluster in the data folder. */
    static final String FILE_NAME = "postgres-password";

    static final String HBA = """
            # Written by Aviso at every start: every connection needs the superuser's password (kept in the data
            # folder, readable by the service's user only). Nothing is trusted; Unix sockets are not accepted.
            host    all    all    127.0.0.1/32    scram-sha-256
            host    all    all    ::1/128         scram-sha-256
            """;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String password;

    private ClusterPassword(String password) {
        this.password = password;
    }

    /** Reads the password from {@code file}, or generates and writes it (owner-only) when there is none. */
    static ClusterPassword loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!stored.isEmpty()) {
                return new ClusterPassword(stored);
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, generated + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        log.info("Generated the embedded PostgreSQL's password, kept in {}", file);
        return new ClusterPassword(generated);
    }

    String value() {
        return password;
    }

    /**
     * With the server stopped: sets the password in {@code cluster} (single-user mode) and writes the pg_hba.conf
     * that requires it. Runs at every start, so the file is always the truth.
     */
    void applyTo(Path cluster, PostgresBinaries binaries) {
        try {
            String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
            int exit = binaries.run(Duration.ofMinutes(2), "ALTER ROLE postgres PASSWORD '" + verifier + "';\n",
                    "postgres", "--single", "-D", cluster.toString(), "-c", "password_encryption=scram-sha-256",
                    "postgres");
            if (exit != 0) {
                throw new IllegalStateException("Could not set the embedded PostgreSQL's password (single-user mode "
                        + "exit " + exit + ")");
            }
            Path hba = cluster.resolve("pg_hba.conf");
            if (!HBA.equals(Files.exists(hba) ? Files.readString(hba) : "")) {
                Path temporary = cluster.resolve("pg_hba.conf.new");
                Files.writeString(temporary, HBA);
                Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.info("The embedded PostgreSQL in {} now requires its password (scram-sha-256)", cluster);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not require a password on the embedded PostgreSQL", e);
        }
    }
}
