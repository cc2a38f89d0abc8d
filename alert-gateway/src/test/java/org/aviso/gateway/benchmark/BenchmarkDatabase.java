package org.aviso.gateway.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.AvisoApplication;
import org.aviso.gateway.database.DurableSettings;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmarks run against: a PostgreSQL that commits durably ({@link DurableSettings}: fsync,
 * synchronous commit and full page writes on, read back from the server by {@link #durability()}), a database per run, and Aviso nodes started on it with the providers pointed at the stub.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private static final String TEST_SECRET = "dGVzdC1vbmx5LW1hc3Rlci1zZWNyZXQtMzItYnl0ZXMhIQ==";

    private final EmbeddedPostgres postgres;

    BenchmarkDatabase(Path data) throws IOException {
        EmbeddedPostgres.Builder builder = DurableSettings.apply(EmbeddedPostgres.builder())
                .setDataDirectory(data.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "200");
        if (STATEMENTS) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        postgres = builder.start();
    }

    /**
     * {@code -Dbenchmark.statements=true}: the server keeps pg_stat_statements and each measured run prints the
     * statements that took the most of PostgreSQL's time (to find where it goes without a sampler loading the cores).
     */
    static final boolean STATEMENTS = Boolean.getBoolean("benchmark.statements");

    /**
     * The durability settings as the running server reports them, e.g. {@code fsync=on, synchronous_commit=on,
     * full_page_writes=on}; refuses to measure on a server that is not durable.
     */
    String durability() throws SQLException {
        Map<String, String> settings = DurableSettings.read(postgres.getPostgresDatabase());
        if (!DurableSettings.isDurable(settings)) {
            throw new IllegalStateException("The benchmark database is not durable: " + settings);
        }
        return settings.toString().replaceAll("[{}]", "");
    }

    /** A new, empty database; its JDBC URL. */
    String create(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        if (STATEMENTS) {
            try (Connection c = postgres.getDatabase("postgres", name).getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create extension pg_stat_statements");
            }
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /**
     * An Aviso node on {@code database}, its providers at the stub at the given rates per sender. {@code more} are
     * {@code property=value} pairs that replace or add to the defaults.
     */
    static ConfigurableApplicationContext node(String database, Path data, StubProviders stub, String signalRate,
            String smsRate, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=30",
                "--aviso.data-dir=" + data, "--aviso.crypto.master-secret=" + TEST_SECRET,
                "--aviso.demo.seed-on-start=false", "--aviso.scheduling.enabled=false",
                "--aviso.signal.base-url=" + stub.baseUrl(), "--aviso.signal.accounts=+15550100001",
                "--aviso.signal.rate-per-second=" + signalRate, "--aviso.signal.reachability-interval=1h",
                "--aviso.signal.group-sync-interval=1h",
                "--aviso.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                "--aviso.twilio.auth-token=bench-token", "--aviso.twilio.messaging-service-sid=MG0123456789abcdef0123456789abcdef",
                "--aviso.twilio.api-base-url=" + stub.baseUrl(), "--aviso.twilio.rate-per-second=" + smsRate,
                "--aviso.delivery.batch-size=500", "--aviso.delivery.track-batch-size=1000",
                "--logging.level.root=warn"));
        for (String extra : more) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith("--" + key));
            args.add("--" + extra);
        }
        return new SpringApplicationBuilder(AvisoApplication.class).run(args.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
