package org.aviso.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.database.DurableSettings;

/**
 * One embedded PostgreSQL per test JVM (never H2, never Docker). Each Spring test context gets a database of
 * its own on it, and {@link CleanDatabaseExtension} empties the tables before each test class.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("aviso-test-pg");
                // durable like the service: measured on AdminFormsSweepTest (7 tests, ~200 posts), 29.8 s with
                // fsync/synchronous_commit/full_page_writes off and 32.2 s with them on (load average ~25-30 both
                // times): not enough to justify tests on settings no installation runs
                server = DurableSettings.apply(EmbeddedPostgres.builder())
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL", e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
    public static String createDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
