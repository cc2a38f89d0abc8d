package org.aviso.gateway.database;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.aviso.gateway.settings.AvisoDataDirectory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the settings are read, while Spring builds the
 * rest of the application (about 7 s of a 13 s start on two cores), instead of after it. A restart after a crash
 * also has to stop the server the killed gateway left running and replay its log; done beside the rest, that no
 * longer adds to the time families wait for a restarted gateway (issue 12: ready within 20 s).
 *
 * <p>Only {@code AvisoApplication.main} registers it; tests and anything else start the server in the bean, as
 * before. The bean takes the early server only when it is for the same folder and port it would start itself.
 */
public final class EarlyDatabaseStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private record Started(AvisoDataDirectory data, EmbeddedDatabaseProperties properties,
            CompletableFuture<EmbeddedPostgres> server) {
    }

    private static volatile Started started;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url")) || started != null) {
            return; // the operator's own PostgreSQL, or already under way
        }
        Binder binder = Binder.get(environment);
        AvisoDataDirectory data = binder.bindOrCreate("aviso", AvisoDataDirectory.class);
        EmbeddedDatabaseProperties properties = binder.bindOrCreate("aviso.embedded-database",
                EmbeddedDatabaseProperties.class);
        CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                server.complete(EmbeddedDatabaseConfiguration.start(data, properties, false));
            } catch (Throwable failed) {
                server.completeExceptionally(failed);
            }
        }, "aviso-database-start");
        thread.setDaemon(true);
        Started early = new Started(data, properties, server);
        started = early;
        // the context stops the server it took (EmbeddedPostgres is a bean with close as its destroy method); one it
        // never took, because the start failed before, is stopped here when the JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (started == early && server.isDone() && !server.isCompletedExceptionally()) {
                try {
                    server.join().close();
                } catch (IOException | RuntimeException ignored) {
                    // the next start stops a server left running (LeftoverPostmaster)
                }
            }
        }, "aviso-database-stop"));
        thread.start();
    }

    /** The server started early for this folder and port, waiting for it if it is still starting. */
    static Optional<EmbeddedPostgres> take(AvisoDataDirectory data, EmbeddedDatabaseProperties properties) {
        Started early = started;
        if (early == null || !early.data().resolve("postgres").equals(data.resolve("postgres"))
                || !early.properties().equals(properties)) {
            return Optional.empty();
        }
        started = null;
        try {
            return Optional.of(early.server().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the embedded PostgreSQL was starting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("The embedded PostgreSQL did not start", e.getCause());
        }
    }
}
