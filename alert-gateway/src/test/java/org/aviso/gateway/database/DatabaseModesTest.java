package org.aviso.gateway.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.AvisoApplication;
import org.aviso.gateway.command.AvisoCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two ways Aviso finds its database: the embedded default (a PostgreSQL of its own under the data directory,
 * kept across restarts) and an external PostgreSQL given by URL (migrated there; nothing embedded starts).
 */
class DatabaseModesTest {

    private static final String TEST_SECRET = "dGVzdC1vbmx5LW1hc3Rlci1zZWNyZXQtMzItYnl0ZXMhIQ==";

    private static ConfigurableApplicationContext run(Path dataDir, String... more) {
        return aviso(dataDir, more).run(arguments(dataDir, more));
    }

    private static SpringApplicationBuilder aviso(Path dataDir, String... more) {
        return new SpringApplicationBuilder(AvisoApplication.class);
    }

    /** As command-line arguments, which win over application.yml (builder "properties" are only defaults). */
    private static String[] arguments(Path dataDir, String... more) {
        List<String> properties = new java.util.ArrayList<>(List.of(
                "server.port=0",
                "aviso.data-dir=" + dataDir,
                "aviso.crypto.master-secret=" + TEST_SECRET,
                "aviso.delivery.enabled=false",
                "aviso.scheduling.enabled=false",
                "aviso.demo.simulation.auto-replies=false",
                "logging.level.root=warn"));
        properties.addAll(List.of(more));
        return properties.stream().map(p -> "--" + p).toArray(String[]::new);
    }

    @Test
    void withNoDatabaseConfiguredItRunsItsOwnPostgresAndKeepsTheDataAcrossRestarts(@TempDir Path dataDir) {
        long networks;
        try (ConfigurableApplicationContext first = run(dataDir)) {
            assertThat(first.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
            assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
            networks = networks(first);
            assertThat(networks).as("the demo seed ran on first start").isOne();
        }
        try (ConfigurableApplicationContext second = run(dataDir)) {
            assertThat(networks(second)).as("the same data after a restart, not seeded twice").isEqualTo(networks);
        }
    }

    @Test
    void theEmbeddedServerCommitsDurablyAsTheRunningServerReports(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext context = run(dataDir)) {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
        }
    }

    @Test
    void withAnExternalUrlItMigratesThatDatabaseAndStartsNothingEmbedded(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            try (ConfigurableApplicationContext context = run(dataDir,
                    "spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=")) {
                assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
                assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
            }
            JdbcTemplate jdbc = new JdbcTemplate(external.getPostgresDatabase());
            List<String> versions = jdbc.queryForList(
                    "select version from flyway_schema_history where success order by installed_rank", String.class);
            assertThat(versions).startsWith("1", "2", "3");
            assertThat(jdbc.queryForObject("select count(*) from network", Long.class)).isOne();
        }
    }

    @Test
    void theAuditChainCommandExitsWithZeroWhenIntact(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext context = run(dataDir, "aviso.command=verify-audit-chain",
                "spring.main.web-application-type=none")) {
            assertThat(SpringApplication.exit(context)).isEqualTo(AvisoCommands.OK);
        }
    }

    @Test
    void aRealInstallationWithNoChannelRefusesToStartWithAClearReason(@TempDir Path dataDir) {
        assertThatThrownBy(() -> run(dataDir, "aviso.demo.enabled=false").close())
                .hasRootCauseMessage("No channel is configured: set AVISO_SIGNAL_BASE_URL (with AVISO_SIGNAL_ACCOUNTS) "
                        + "and/or AVISO_TWILIO_ACCOUNT_SID (with its token and sender), or AVISO_DEMO_ENABLED=true for a "
                        + "demo that sends nothing real");
    }

    private static long networks(ConfigurableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select count(*) from network", Long.class);
    }
}
