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

    /** PostgreSQL's "deadlock detected": the victim's transaction was rolled back and may simply run again. */
    private static final String DEADLOCK = "40P01";

    public static void clean(DataSource dataSource) {
        // the background loops of an application context cached by an earlier test class still read the tables; the
        // TRUNCATE locks them one by one, so it can deadlock with such a read (seen once in a full run) and is the
        // one rolled back: then it runs again
        for (int attempt = 1; ; attempt++) {
            try {
                cleanOnce(dataSource);
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 5 || !(e.getCause() instanceof SQLException sql) || !DEADLOCK.equals(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private static void cleanOnce(DataSource dataSource) {
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
