package org.aviso.gateway.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.aviso.gateway.settings.AvisoDataDirectory;
import org.aviso.gateway.settings.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master secret: {@code aviso.crypto.master-secret}, else {@code aviso.crypto.master-key-file}, else
 * (demo mode only) a file generated once in the data directory. Outside demo mode a missing secret stops the
 * start-up: running without one would mean encrypting with a key nobody has backed up.
 */
public final class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    static final String DEMO_KEY_FILE = "demo-master.key";

    private MasterKeySource() {
    }

    public static MasterKey load(CryptoProperties properties, DemoMode demo, AvisoDataDirectory data) {
        return MasterKey.derive(secretBytes(properties, demo, data));
    }

    static byte[] secretBytes(CryptoProperties properties, DemoMode demo, AvisoDataDirectory data) {
        if (properties.masterSecret() != null && !properties.masterSecret().isBlank()) {
            return decode(properties.masterSecret(), "aviso.crypto.master-secret");
        }
        if (properties.masterKeyFile() != null) {
            return decode(read(properties.masterKeyFile()), "the file named by aviso.crypto.master-key-file");
        }
        if (!demo.enabled()) {
            throw new CryptoException("No master secret: set AVISO_CRYPTO_MASTER_SECRET or AVISO_CRYPTO_MASTER_KEY_FILE "
                    + "(base64 of 32 random bytes, e.g. `head -c 32 /dev/urandom | base64`)");
        }
        return decode(read(demoKeyFile(data)), "the demo master key file");
    }

    private static Path demoKeyFile(AvisoDataDirectory data) {
        Path file = data.resolve(DEMO_KEY_FILE);
        if (Files.exists(file)) {
            return file;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new CryptoException("Could not write the demo master key into the data directory", e);
        }
        log.warn("DEMO MODE: generated a master key in {}. Fine for a demo; a real installation must set "
                + "AVISO_CRYPTO_MASTER_SECRET or AVISO_CRYPTO_MASTER_KEY_FILE and keep a copy offline.", file);
        return file;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Could not restrict the demo master key file to its owner on this file system");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CryptoException("Could not read the master key file " + file, e);
        }
    }

    static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("The master secret in " + where + " is not valid base64");
        }
    }

}
