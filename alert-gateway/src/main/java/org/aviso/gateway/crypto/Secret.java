package org.aviso.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value (auth token, master secret, passphrase). Its {@code toString()} never shows the value, so a
 * secret that ends up in a log line, an exception message or a debugger's variable view stays hidden.
 */
public final class Secret {

    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A secret must not be empty");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    public static Secret ofBytes(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("A secret must not be empty");
        }
        return new Secret(value.clone());
    }

    /** The value, for the one place that must use it (a MAC key, an HTTP Basic header). */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public byte[] revealBytes() {
        return value.clone();
    }

    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(value, secret.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
