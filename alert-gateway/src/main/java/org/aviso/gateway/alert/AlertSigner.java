package org.aviso.gateway.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.crypto.CryptoException;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs every alert with its network's Ed25519 key and checks signatures for the public check page and
 * {@code VERIFY <code>} replies. The signature covers the alert's canonical form, so an alert altered in the
 * database (another kind, time or network) no longer checks out.
 */
@Component
public class AlertSigner {

    static final FieldRef PRIVATE_KEY = FieldRef.of("network_signing_key", "private_key_ct");

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Clock clock;
    private final Map<UUID, PublicKey> publicKeys = new ConcurrentHashMap<>();

    public AlertSigner(JdbcClient jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What is signed: the facts the public page shows, in a fixed order. */
    public record SignedFacts(String code, UUID networkId, AlertKind kind, boolean exercise, Instant createdAt,
            UUID refersTo) {

        String canonical() {
            return String.join("\n", "aviso-alert/v1", code, networkId.toString(), kind.name(),
                    Boolean.toString(exercise), createdAt.truncatedTo(ChronoUnit.MICROS).toString(),
                    refersTo == null ? "-" : refersTo.toString());
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public byte[] sign(SignedFacts facts) {
        PrivateKey key = privateKey(facts.networkId());
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(facts.canonical().getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Ed25519 signing failed", e);
        }
    }

    public boolean verify(SignedFacts facts, byte[] signatureBytes) {
        Optional<PublicKey> key = publicKey(facts.networkId());
        if (key.isEmpty() || signatureBytes == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key.get());
            signature.update(facts.canonical().getBytes(StandardCharsets.UTF_8));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private PrivateKey privateKey(UUID network) {
        record Row(byte[] privateKeyCt) {
        }
        Optional<Row> row = jdbc.sql("select private_key_ct from network_signing_key where network_id = :network")
                .param("network", network).query(Row.class).optional();
        byte[] encoded = row.map(r -> cipher.decryptBytes(PRIVATE_KEY, network, r.privateKeyCt()))
                .orElseGet(() -> createKeyPair(network));
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("The network's signing key is unreadable", e);
        }
    }

    private byte[] createKeyPair(UUID network) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] privateKey = pair.getPrivate().getEncoded();
            jdbc.sql("""
                            insert into network_signing_key (network_id, public_key, private_key_ct, created_at)
                            values (:network, :public, :private, :now)
                            """)
                    .param("network", network)
                    .param("public", pair.getPublic().getEncoded())
                    .param("private", cipher.encryptBytes(network, PRIVATE_KEY, network, privateKey))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            return privateKey;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Ed25519 is not available", e);
        }
    }

    public Optional<PublicKey> publicKey(UUID network) {
        PublicKey cached = publicKeys.get(network);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> encoded = jdbc.sql("select public_key from network_signing_key where network_id = :network")
                .param("network", network).query(byte[].class).optional();
        return encoded.map(bytes -> {
            try {
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(bytes));
                publicKeys.put(network, key);
                return key;
            } catch (GeneralSecurityException e) {
                throw new CryptoException("The network's public key is unreadable", e);
            }
        });
    }
}
