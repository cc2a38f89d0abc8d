package org.aviso.gateway.testing;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cleaning between test classes must not leave a pooled connection with triggers off: the next test to borrow it
 * would find the audit log deletable, and whether the append-only test passed would depend on which class ran
 * before it. A pool that hands out a different connection on every call makes any such leak show here.
 */
@AvisoTest
class DatabaseCleanerTest {

    @Autowired
    DataSource dataSource;

    @Test
    void leavesEveryConnectionOfThePoolWithTheAuditLogAppendOnly() throws SQLException {
        try (RoundRobin pool = new RoundRobin(dataSource, 3)) {
            DatabaseCleaner.clean(pool);

            for (int i = 0; i < pool.connections.size(); i++) {
                Connection connection = pool.connections.get(i);
                assertThat(replicationRole(connection)).as("connection %d", i).isEqualTo("origin");
                long seq = 9_000_000L + i;
                appendEntry(connection, seq);
                assertThatThrownBy(() -> delete(connection, seq)).as("deleting an audit entry over connection %d", i)
                        .hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void emptiesTheTablesButKeepsTheMigrationHistory() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            appendEntry(connection, 9_100_000L);
        }

        DatabaseCleaner.clean(dataSource);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(count(statement, "audit_entry")).isZero();
            assertThat(count(statement, "flyway_schema_history")).isPositive();
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String replicationRole(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show session_replication_role")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void appendEntry(Connection connection, long seq) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_entry (seq, at, actor, action, "
                + "subject, details, prev_hash, hash) values (?, now(), 'system', 'EXPORT', 'test', '', '\\x00', "
                + "'\\x00')")) {
            insert.setLong(1, seq);
            insert.executeUpdate();
        }
    }

    private static void delete(Connection connection, long seq) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from audit_entry where seq = ?")) {
            delete.setLong(1, seq);
            delete.executeUpdate();
        }
    }

    /** Hands out its few connections in turn, never the same one twice running; closing one keeps it open. */
    private static final class RoundRobin implements DataSource, AutoCloseable {

        final List<Connection> connections = new ArrayList<>();
        private int next;

        RoundRobin(DataSource real, int size) throws SQLException {
            for (int i = 0; i < size; i++) {
                connections.add(real.getConnection());
            }
        }

        @Override
        public Connection getConnection() {
            Connection connection = connections.get(next++ % connections.size());
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : connections) {
                connection.close();
            }
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
