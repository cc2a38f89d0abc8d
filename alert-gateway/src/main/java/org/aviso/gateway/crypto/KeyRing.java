package org.aviso.gateway.crypto;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys: one active AES-256 key per network for field encryption, and one installation-wide key for the
 * blind index, all stored wrapped by the master key. Unwrapped keys are cached in memory by id.
 *
 * <p>A new key is written and committed in its own transaction before anything is encrypted with it: a key that
 * only lived in a rolled-back transaction would leave ciphertexts nobody can open.
 */
public class KeyRing {

    static final String FIELD_ENCRYPTION = "FIELD_ENCRYPTION";
    static final String BLIND_INDEX = "BLIND_INDEX";

    private final JdbcClient jdbc;
    private final MasterKey master;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, SecretKey> keysById = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> activeKeyByNetwork = new ConcurrentHashMap<>();
    private volatile SecretKey blindIndexKey;

    public KeyRing(JdbcClient jdbc, MasterKey master, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.master = master;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    record ActiveKey(UUID id, SecretKey key) {
    }

    ActiveKey activeKey(UUID networkId) {
        UUID id = activeKeyByNetwork.computeIfAbsent(networkId, this::loadOrCreateActive);
        return new ActiveKey(id, key(id));
    }

    SecretKey key(UUID keyId) {
        return keysById.computeIfAbsent(keyId, this::loadKey);
    }

    SecretKey blindIndexKey() {
        SecretKey key = blindIndexKey;
        if (key == null) {
            synchronized (this) {
                if (blindIndexKey == null) {
                    UUID id = newTransaction.execute(status -> findActive(null, BLIND_INDEX)
                            .orElseGet(() -> create(null, BLIND_INDEX)));
                    blindIndexKey = new SecretKeySpec(key(id).getEncoded(), "HmacSHA256");
                }
                key = blindIndexKey;
            }
        }
        return key;
    }

    private UUID loadOrCreateActive(UUID networkId) {
        return newTransaction.execute(status -> findActive(networkId, FIELD_ENCRYPTION)
                .orElseGet(() -> create(networkId, FIELD_ENCRYPTION)));
    }

    private Optional<UUID> findActive(UUID networkId, String purpose) {
        return jdbc.sql("""
                        select id from data_key
                         where network_id is not distinct from :network and purpose = :purpose and retired_at is null
                        """)
                .param("network", networkId)
                .param("purpose", purpose)
                .query(UUID.class)
                .optional();
    }

    private UUID create(UUID networkId, String purpose) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[32];
        random.nextBytes(key);
        int inserted = jdbc.sql("""
                        insert into data_key (id, network_id, purpose, master_key_id, wrapped, created_at)
                        values (:id, :network, :purpose, :master, :wrapped, :now)
                        on conflict do nothing
                        """)
                .param("id", id)
                .param("network", networkId)
                .param("purpose", purpose)
                .param("master", master.id())
                .param("wrapped", master.wrap(key, id.toString()))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            // another node created it first; use theirs
            return findActive(networkId, purpose).orElseThrow();
        }
        return id;
    }

    private SecretKey loadKey(UUID keyId) {
        record Row(String masterKeyId, byte[] wrapped) {
        }
        Row row = jdbc.sql("select master_key_id, wrapped from data_key where id = :id")
                .param("id", keyId)
                .query(Row.class)
                .optional()
                .orElseThrow(() -> new CryptoException("Unknown data key " + keyId));
        if (!row.masterKeyId().equals(master.id())) {
            throw new CryptoException("Data key " + keyId + " is wrapped by master key " + row.masterKeyId()
                    + " but the configured master key is " + master.id());
        }
        return new SecretKeySpec(master.unwrap(row.wrapped(), keyId.toString()), "AES");
    }

    /** Makes a fresh active key for the network and retires the old one; used by key rotation. */
    UUID rotate(UUID networkId) {
        UUID id = newTransaction.execute(status -> {
            jdbc.sql("""
                            update data_key set retired_at = :now
                             where network_id = :network and purpose = :purpose and retired_at is null
                            """)
                    .param("now", java.sql.Timestamp.from(clock.instant()))
                    .param("network", networkId)
                    .param("purpose", FIELD_ENCRYPTION)
                    .update();
            return create(networkId, FIELD_ENCRYPTION);
        });
        activeKeyByNetwork.put(networkId, id);
        return id;
    }

    /** Re-wraps every data key under a new master key (the operator then switches to the new secret). */
    int rewrapAll(MasterKey newMaster) {
        record Wrapped(UUID id) {
        }
        List<Wrapped> all = jdbc.sql("select id from data_key").query(Wrapped.class).list();
        for (Wrapped w : all) {
            byte[] raw = key(w.id()).getEncoded();
            jdbc.sql("update data_key set wrapped = :wrapped, master_key_id = :master where id = :id")
                    .param("wrapped", newMaster.wrap(raw, w.id().toString()))
                    .param("master", newMaster.id())
                    .param("id", w.id())
                    .update();
        }
        return all.size();
    }

    /** Deletes retired keys no ciphertext refers to any more. */
    void forgetRetired(List<UUID> retiredKeyIds) {
        for (UUID id : retiredKeyIds) {
            jdbc.sql("delete from data_key where id = :id and retired_at is not null").param("id", id).update();
            keysById.remove(id);
        }
    }

    List<UUID> retiredKeys() {
        return jdbc.sql("select id from data_key where retired_at is not null").query(UUID.class).list();
    }

    List<UUID> networksWithKeys() {
        return jdbc.sql("select distinct network_id from data_key where network_id is not null and purpose = :p")
                .param("p", FIELD_ENCRYPTION)
                .query(UUID.class)
                .list();
    }

    /** Forgets cached state, e.g. after tests truncate the tables. */
    public void clearCache() {
        keysById.clear();
        activeKeyByNetwork.clear();
        blindIndexKey = null;
    }
}
