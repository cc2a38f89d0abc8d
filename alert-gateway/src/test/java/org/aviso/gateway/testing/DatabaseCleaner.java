package org.aviso.gateway.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Empties every application table (the Flyway history and the wrapped data keys stay) in one transaction on one
 * connection. Triggers are switched off only inside that transaction ({@code set local}), so the setting ends with
 * the commit or the rollback and no pooled connection can keep the audit log's append-only triggers, or any other,
 * turned off for the test that borrows it next.
 */
public final class DatabaseCleaner {

    private static final List<String> KEPT = List.of("flyway_schema_history", "data_key");

    private DatabaseCleaner() {
    }

    public static void clean(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                List<String> tables = applicationTables(statement);
                if (!tables.isEmpty()) {
                    // TRUNCATE fires no row triggers; this also quiets any statement trigger a table may get later
                    statement.execute("set local session_replication_role = replica");
                    statement.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the test database", e);
        }
    }

    private static List<String> applicationTables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
            while (rows.next()) {
                if (!KEPT.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
