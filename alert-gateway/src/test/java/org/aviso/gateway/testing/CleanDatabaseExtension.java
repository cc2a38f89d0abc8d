package org.aviso.gateway.testing;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives each test class a clean schema: before its first test, {@link DatabaseCleaner} empties every application
 * table. Spring's context cache still shares one started application between classes, which keeps the suite fast.
 */
public class CleanDatabaseExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        DatabaseCleaner.clean(spring.getBean(DataSource.class));
        spring.getBeansOfType(ResetAfterClean.class).values().forEach(ResetAfterClean::reset);
    }

    /** A bean with in-memory state that must be forgotten when the tables are emptied. */
    public interface ResetAfterClean {
        void reset();
    }
}
