package org.aviso.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The key-encryption key, derived with HKDF-SHA256 from the operator's master secret. It only wraps the data
 * keys stored in the database; nothing else is encrypted with it directly, so rotating the master secret means
 * re-wrapping a handful of keys.
 */
public final class MasterKey {

    private static final byte[] SALT = "aviso master key".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final String id;

    private MasterKey(SecretKey key, String id) {
        this.key = key;
        this.id = id;
    }

    public static MasterKey derive(byte[] masterSecret) {
        if (masterSecret.length < 32) {
            throw new IllegalArgumentException("The master secret must hold at least 32 bytes (base64 of 32 random bytes)");
        }
        byte[] kek = hkdf(masterSecret, "aviso/key-encryption/v1");
        // The id names the key in the database without revealing anything about it.
        byte[] idBytes = hkdf(masterSecret, "aviso/key-id/v1");
        String id = HexFormat.of().formatHex(idBytes, 0, 8);
        return new MasterKey(new SecretKeySpec(kek, "AES"), id);
    }

    static byte[] hkdf(byte[] inputKeyMaterial, String info) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(inputKeyMaterial, SALT, info.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        generator.generateBytes(out, 0, out.length);
        return out;
    }

    public String id() {
        return id;
    }

    byte[] wrap(byte[] dataKey, String boundTo) {
        return Aead.seal(key, dataKey, aad(boundTo));
    }

    byte[] unwrap(byte[] wrapped, String boundTo) {
        try {
            return Aead.open(key, wrapped, aad(boundTo));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("A data key could not be unwrapped: wrong master secret, or the key row was altered", e);
        }
    }

    private static byte[] aad(String boundTo) {
        return ("aviso/data-key/" + boundTo).getBytes(StandardCharsets.UTF_8);
    }

    boolean sameAs(MasterKey other) {
        return MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
