package org.aviso.gateway.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.settings.AvisoDataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL lets in only who has its password: generated on first start, kept owner-only in the data
 * folder, scram-sha-256 for every connection; a data folder from before (which trusted every local connection) is
 * migrated on its next start.
 */
class ClusterPasswordTest {

    @Test
    void aNewClusterRefusesAConnectionWithoutThePasswordAndKeepsItOwnerOnly(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres postgres = start(dataDir)) {
            Path file = dataDir.resolve("postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String password = Files.readString(file).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);

            assertRefused(postgres, "");
            assertRefused(postgres, "not-the-password");
            try (Connection c = DriverManager.getConnection(url(postgres), "postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")))
                    .isNotEmpty().allMatch(line -> line.endsWith("scram-sha-256"));
        }
    }

    @Test
    void aClusterFromBeforeThatTrustedEveryoneIsMigratedOnStartAndKeepsItsData(@TempDir Path dataDir)
            throws Exception {
        // the way earlier versions made it: the library's initdb, which trusts every local connection
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setServerConfig("listen_addresses", "127.0.0.1").start();
                Connection c = DriverManager.getConnection(url(old), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create table kept (what text)");
            s.execute("insert into kept values ('before the migration')");
        }
        assertThat(Files.exists(dataDir.resolve("postgres-password"))).isFalse();

        try (EmbeddedPostgres postgres = start(dataDir)) {
            assertRefused(postgres, "");
            Path file = dataDir.resolve("postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            JdbcTemplate jdbc = new JdbcTemplate(new EmbeddedDatabaseConfiguration().dataSource(postgres,
                    new AvisoDataDirectory(dataDir)));
            assertThat(jdbc.queryForObject("select what from kept", String.class)).isEqualTo("before the migration");
            assertThat(jdbc.queryForObject("select count(*) from pg_hba_file_rules where auth_method <> "
                    + "'scram-sha-256'", Long.class)).as("rules of the running server that ask no password").isZero();
        }
    }

    private static EmbeddedPostgres start(Path dataDir) throws Exception {
        return new EmbeddedDatabaseConfiguration().embeddedPostgres(new AvisoDataDirectory(dataDir),
                new EmbeddedDatabaseProperties(0, Duration.ofSeconds(60)));
    }

    private static String url(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private static void assertRefused(EmbeddedPostgres postgres, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url(postgres), "postgres", password).close())
                .isInstanceOf(SQLException.class);
    }
}
