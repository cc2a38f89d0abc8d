package org.aviso.gateway.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.settings.AvisoDataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no database configured, Aviso runs its own PostgreSQL on loopback, keeping the
 * cluster under the data directory so a restart keeps everything. Spring Boot's own DataSource
 * auto-configuration backs off because a {@link DataSource} bean exists, and Flyway migrates it as usual. It runs
 * durably ({@link DurableSettings}): a commit Aviso has acknowledged survives a power cut. A server left running
 * by a gateway that was killed is stopped first ({@link LeftoverPostmaster}), so a restart works the first time.
 * Every connection needs the password kept, owner-only, in the data folder ({@link ClusterPassword}); nothing is
 * trusted.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** How long a server left running by a killed gateway gets to stop, so a restart is ready within 20 s. */
    private static final java.time.Duration LEFTOVER_STOP_TIMEOUT = java.time.Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(AvisoDataDirectory data, EmbeddedDatabaseProperties properties)
            throws IOException {
        // started already, beside the rest of the start-up, when Aviso was started from its main method
        return EarlyDatabaseStart.take(data, properties).orElseGet(() -> start(data, properties));
    }

    /** Stops a server a killed gateway left running on the cluster, then starts this one's; durable, scram-only. */
    static EmbeddedPostgres start(AvisoDataDirectory data, EmbeddedDatabaseProperties properties) {
        return start(data, properties, true);
    }

    /**
     * @param ownShutdownHook whether the server stops itself when the JVM ends. The JVM runs its shutdown hooks all
     *                        at once, so such a hook stops PostgreSQL while Spring's hook is still stopping the
     *                        delivery workers and the web server; their last writes then wait out the pool's
     *                        connection timeout (a Ctrl-C took 72 s instead of seconds). Started from the main
     *                        method, the server is stopped by the context instead, after everything that uses it.
     */
    static EmbeddedPostgres start(AvisoDataDirectory data, EmbeddedDatabaseProperties properties,
            boolean ownShutdownHook) {
        try {
            Path cluster = data.resolve("postgres");
            Files.createDirectories(cluster.getParent());
            boolean existing = Files.exists(cluster.resolve("PG_VERSION"));
            log.info("Starting embedded PostgreSQL ({} cluster in {})", existing ? "existing" : "new", cluster);
            PostgresBinaries binaries = PostgresBinaries.unpacked();
            if (existing) {
                LeftoverPostmaster.stopIfLeftRunning(cluster, binaries, LEFTOVER_STOP_TIMEOUT);
            }
            ClusterPassword password = ClusterPassword.loadOrCreate(data.resolve(ClusterPassword.FILE_NAME));
            EmbeddedPostgres postgres = DurableSettings.apply(EmbeddedPostgres.builder())
                    .setDataDirectory(cluster)
                    .setDataDirectoryCustomizer(folder -> password.applyTo(folder.toPath(), binaries))
                    .setConnectConfig("password", password.value())
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    .setPGStartupWait(properties.startupTimeout())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(ownShutdownHook)
                    .start();
            log.info("Embedded PostgreSQL is listening on 127.0.0.1:{} ({})", postgres.getPort(), durability(postgres));
            return postgres;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    private static Object durability(EmbeddedPostgres postgres) {
        try {
            return DurableSettings.read(postgres.getPostgresDatabase());
        } catch (java.sql.SQLException e) {
            return "durability settings unreadable: " + e.getSQLState();
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, AvisoDataDirectory data) throws IOException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword(ClusterPassword.loadOrCreate(data.resolve(ClusterPassword.FILE_NAME)).value());
        dataSource.setPoolName("aviso-embedded");
        dataSource.setMaximumPoolSize(20);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }
}
