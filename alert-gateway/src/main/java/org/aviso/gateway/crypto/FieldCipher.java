package org.aviso.gateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Encrypts the columns that hold personal data (phone numbers, names, report text, photos, message bodies).
 *
 * <p>Layout of a stored value: a format byte, the 16-byte id of the data key, the 12-byte nonce, then the
 * AES-GCM ciphertext and tag. The associated data is {@code table|column|row id}, so ciphertexts cannot be
 * swapped between rows or columns without failing to decrypt.
 */
public class FieldCipher {

    private static final byte FORMAT_V1 = 1;
    private static final int HEADER = 1 + 16;

    private final KeyRing keys;

    public FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    public byte[] encrypt(UUID networkId, FieldRef field, Object rowId, String plaintext) {
        return plaintext == null ? null : encryptBytes(networkId, field, rowId, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] encryptBytes(UUID networkId, FieldRef field, Object rowId, byte[] plaintext) {
        if (plaintext == null) {
            return null;
        }
        KeyRing.ActiveKey key = keys.activeKey(networkId);
        byte[] sealed = Aead.seal(key.key(), plaintext, associatedData(field, rowId));
        return ByteBuffer.allocate(HEADER + sealed.length)
                .put(FORMAT_V1)
                .putLong(key.id().getMostSignificantBits())
                .putLong(key.id().getLeastSignificantBits())
                .put(sealed)
                .array();
    }

    public String decrypt(FieldRef field, Object rowId, byte[] stored) {
        byte[] plain = decryptBytes(field, rowId, stored);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    public byte[] decryptBytes(FieldRef field, Object rowId, byte[] stored) {
        if (stored == null) {
            return null;
        }
        UUID keyId = keyIdOf(stored);
        try {
            byte[] body = new byte[stored.length - HEADER];
            System.arraycopy(stored, HEADER, body, 0, body.length);
            return Aead.open(keys.key(keyId), body, associatedData(field, rowId));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("A value in " + field.table() + "." + field.column()
                    + " does not decrypt for its row: it was altered or moved from another row or column");
        }
    }

    /** The id of the data key a stored value was encrypted with. */
    public static UUID keyIdOf(byte[] stored) {
        if (stored.length < HEADER || stored[0] != FORMAT_V1) {
            throw new CryptoException("Not an Aviso ciphertext (unknown format)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored, 1, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static byte[] associatedData(FieldRef field, Object rowId) {
        if (rowId == null) {
            throw new IllegalArgumentException("Encrypted values are bound to a row: the row id must be known");
        }
        return ("aviso/field/v1|" + field.table() + "|" + field.column() + "|" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
