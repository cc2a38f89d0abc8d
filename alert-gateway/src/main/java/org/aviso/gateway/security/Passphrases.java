package org.aviso.gateway.security;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashes for passphrases (BouncyCastle underneath), with the parameters OWASP recommends as a floor:
 * 19 MiB of memory, 2 iterations, 1 lane.
 */
@Component
public class Passphrases {

    public static final int MIN_LENGTH = 12;

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String dummyHash = encoder.encode("a passphrase nobody has, to spend the same time");

    public String hash(String passphrase) {
        if (passphrase == null || passphrase.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("A passphrase must have at least " + MIN_LENGTH + " characters");
        }
        return encoder.encode(passphrase);
    }

    public boolean matches(String passphrase, String hash) {
        return passphrase != null && encoder.matches(passphrase, hash);
    }

    /** Spends as long as a real check, so a wrong user name cannot be told from a wrong passphrase by timing. */
    public void burn(String passphrase) {
        encoder.matches(passphrase == null ? "" : passphrase, dummyHash);
    }
}
