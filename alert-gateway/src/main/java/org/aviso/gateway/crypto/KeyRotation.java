package org.aviso.gateway.crypto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts everything under new keys: each network gets a fresh data key, every encrypted value is decrypted
 * and encrypted again with it, and retired keys that no value uses any more are deleted. With a new master secret
 * configured ({@code aviso.crypto.new-master-secret}), every data key is also re-wrapped under it; the operator
 * then replaces the old secret with the new one.
 */
@Component
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final JdbcClient jdbc;
    private final KeyRing keys;
    private final FieldCipher cipher;
    private final CryptoProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    public KeyRotation(JdbcClient jdbc, KeyRing keys, FieldCipher cipher, CryptoProperties properties, AuditLog audit,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.cipher = cipher;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** What a rotation did. */
    public record Result(int networks, int valuesReencrypted, int keysDeleted, boolean masterRewrapped) {
    }

    public Result rotate() {
        List<UUID> networks = jdbc.sql("select id from network order by created_at").query(UUID.class).list();
        Set<UUID> withKeys = new HashSet<>(keys.networksWithKeys());
        int values = 0;
        for (UUID network : networks) {
            if (!withKeys.contains(network)) {
                continue;
            }
            keys.rotate(network);
            for (EncryptedColumns.EncryptedColumn column : EncryptedColumns.ALL) {
                values += reencrypt(column, network);
            }
        }
        Set<UUID> inUse = keysInUse();
        List<UUID> unused = new ArrayList<>();
        for (UUID retired : keys.retiredKeys()) {
            if (!inUse.contains(retired)) {
                unused.add(retired);
            }
        }
        transactions.executeWithoutResult(s -> keys.forgetRetired(unused));
        boolean rewrapped = false;
        if (properties.newMasterSecret() != null && !properties.newMasterSecret().isBlank()) {
            MasterKey newMaster = MasterKey.derive(MasterKeySource.decode(properties.newMasterSecret(),
                    "aviso.crypto.new-master-secret"));
            transactions.executeWithoutResult(s -> keys.rewrapAll(newMaster));
            rewrapped = true;
        }
        Result result = new Result(withKeys.size(), values, unused.size(), rewrapped);
        transactions.executeWithoutResult(s -> audit.record(null, "system", AuditAction.KEY_ROTATION, "keys",
                "networks=" + result.networks() + " values=" + result.valuesReencrypted() + " deleted="
                        + result.keysDeleted() + " master=" + result.masterRewrapped()));
        log.info("Key rotation: {} network(s), {} value(s) re-encrypted, {} retired key(s) deleted{}",
                result.networks(), result.valuesReencrypted(), result.keysDeleted(),
                rewrapped ? "; data keys re-wrapped under the NEW master secret: configure it now" : "");
        return result;
    }

    private int reencrypt(EncryptedColumns.EncryptedColumn column, UUID network) {
        FieldRef field = column.field();
        record Row(String ctid, String rowId, byte[] value) {
        }
        Integer done = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("select ctid::text, " + column.rowId() + ", " + field.column() + " from "
                            + field.table() + " where " + field.column() + " is not null and " + column.network()
                            + " = :network for update")
                    .param("network", network)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                    .list();
            for (Row row : rows) {
                byte[] plain = cipher.decryptBytes(field, row.rowId(), row.value());
                jdbc.sql("update " + field.table() + " set " + field.column() + " = :value where ctid = :ctid::tid")
                        .param("value", cipher.encryptBytes(network, field, row.rowId(), plain))
                        .param("ctid", row.ctid())
                        .update();
            }
            return rows.size();
        });
        return done == null ? 0 : done;
    }

    private Set<UUID> keysInUse() {
        Set<UUID> inUse = new HashSet<>();
        for (EncryptedColumns.EncryptedColumn column : EncryptedColumns.ALL) {
            FieldRef field = column.field();
            jdbc.sql("select distinct substring(" + field.column() + " from 2 for 16) from " + field.table()
                            + " where " + field.column() + " is not null")
                    .query(rs -> {
                        byte[] id = rs.getBytes(1);
                        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(id);
                        inUse.add(new UUID(buffer.getLong(), buffer.getLong()));
                    });
        }
        // the blind-index key is not a field key: never delete it here
        inUse.addAll(jdbc.sql("select id from data_key where purpose = 'BLIND_INDEX'").query(UUID.class).list());
        return inUse;
    }
}
