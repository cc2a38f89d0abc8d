package org.aviso.gateway.settings;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a pilot installation keeps what must survive a restart: the embedded PostgreSQL cluster and, in demo
 * mode only, the generated master key.
 *
 * @param dataDir {@code aviso.data-dir}, default {@code ./aviso-data}
 */
@ConfigurationProperties("aviso")
public record AvisoDataDirectory(@DefaultValue("./aviso-data") Path dataDir) {

    public AvisoDataDirectory {
        // an empty value (as env files write it) means "not set"
        if (dataDir == null || dataDir.toString().isBlank()) {
            dataDir = Path.of("./aviso-data");
        }
    }

    public Path resolve(String child) {
        return dataDir.resolve(child).toAbsolutePath().normalize();
    }
}
