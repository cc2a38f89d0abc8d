package org.aviso.gateway.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that starts when no {@code spring.datasource.url} is configured.
 *
 * @param port           TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param startupTimeout how long to wait for the server to accept connections
 */
@ConfigurationProperties("aviso.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("0") int port, @DefaultValue("60s") Duration startupTimeout) {
}
