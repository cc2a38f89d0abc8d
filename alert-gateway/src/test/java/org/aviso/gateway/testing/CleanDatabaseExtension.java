package org.aviso.gateway.testing;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each test class a clean schema: before its first test, every application table is emptied (the Flyway
 * history and the wrapped data keys stay). Spring's context cache still shares one started application between
 * classes, which keeps the suite fast.
 */
public class CleanDatabaseExtension implements BeforeAllCallback {

    private static final List<String> KEPT = List.of("flyway_schema_history", "data_key");

    @Override
    public void beforeAll(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        JdbcTemplate jdbc = spring.getBean(JdbcTemplate.class);
        List<String> tables = jdbc.queryForList(
                "select tablename from pg_tables where schemaname = 'public'", String.class);
        List<String> toEmpty = tables.stream().filter(t -> !KEPT.contains(t)).toList();
        if (!toEmpty.isEmpty()) {
            // replica mode skips ordinary triggers, such as the audit log's refusal of deletes
            jdbc.execute("set session_replication_role = replica");
            try {
                jdbc.execute("truncate " + String.join(", ", toEmpty) + " restart identity cascade");
            } finally {
                jdbc.execute("set session_replication_role = origin");
            }
        }
        spring.getBeansOfType(ResetAfterClean.class).values().forEach(ResetAfterClean::reset);
    }

    /** A bean with in-memory state that must be forgotten when the tables are emptied. */
    public interface ResetAfterClean {
        void reset();
    }
}
