package org.aviso.gateway.crypto;

/** A failure to encrypt or decrypt. Its message never carries plaintext or key material. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
