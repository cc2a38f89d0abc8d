package org.aviso.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;

/**
 * Keyed hashes (HMAC-SHA256) that let Aviso find a row by phone number or user name without storing the value
 * in clear. The key is its own, separate from the field-encryption keys.
 */
public class BlindIndex {

    private final KeyRing keys;
    /** A MAC per thread, initialised with the key once (the key never changes while the process runs). */
    private final ThreadLocal<Mac> macs;

    public BlindIndex(KeyRing keys) {
        this.keys = keys;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(keys.blindIndexKey());
                return mac;
            } catch (GeneralSecurityException e) {
                throw new CryptoException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** The index of an E.164 phone number. */
    public byte[] phone(String e164) {
        return of("phone", e164);
    }

    public byte[] of(String kind, String value) {
        return macs.get().doFinal((kind + "|" + value).getBytes(StandardCharsets.UTF_8));
    }
}
