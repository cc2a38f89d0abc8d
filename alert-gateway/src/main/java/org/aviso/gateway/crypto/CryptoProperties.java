package org.aviso.gateway.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master secret comes from. Outside demo mode one of the two must be set; in demo mode, when neither
 * is, a secret is generated into the data directory (and a warning says so).
 *
 * @param masterSecret  {@code AVISO_CRYPTO_MASTER_SECRET}: base64 of at least 32 random bytes
 * @param masterKeyFile {@code AVISO_CRYPTO_MASTER_KEY_FILE}: a file holding that base64 text
 * @param newMasterSecret {@code AVISO_CRYPTO_NEW_MASTER_SECRET}: only for the rotate-keys command, the secret
 *                        that replaces the current one
 */
@ConfigurationProperties("aviso.crypto")
public record CryptoProperties(String masterSecret, Path masterKeyFile, String newMasterSecret) {

    @Override
    public String toString() {
        return "CryptoProperties[masterSecret=" + (masterSecret == null ? "unset" : "set")
                + ", masterKeyFile=" + masterKeyFile + ", newMasterSecret="
                + (newMasterSecret == null ? "unset" : "set") + "]";
    }
}
