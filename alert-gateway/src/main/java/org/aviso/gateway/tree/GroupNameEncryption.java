package org.aviso.gateway.tree;

import java.util.List;
import java.util.UUID;

import org.aviso.gateway.crypto.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves group names stored in clear before V14_2 into {@code contact_group.name_ct}, encrypted with the network's
 * key and bound to the group's id, and clears the clear column. Runs first at every start (SQL cannot encrypt, so a
 * Flyway migration could not do it); once nothing is left in clear it finds no row and costs one query. Each group
 * is converted only if its clear name is still the one read, so two nodes starting together do no harm.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GroupNameEncryption implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GroupNameEncryption.class);

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate transactions;

    GroupNameEncryption(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        int moved = encryptClearNames();
        if (moved > 0) {
            log.info("Encrypted {} group names that were stored in clear", moved);
        }
    }

    /** @return how many groups had their name moved out of the clear column */
    public int encryptClearNames() {
        record Clear(UUID id, UUID networkId, String name) {
        }
        List<Clear> clear = jdbc.sql("select id, network_id, name from contact_group where name is not null")
                .query(Clear.class).list();
        int moved = 0;
        for (Clear group : clear) {
            Integer updated = transactions.execute(status -> jdbc.sql("""
                            update contact_group set name_ct = :ct, name = null
                             where id = :id and name = :name
                            """)
                    .param("ct", cipher.encrypt(group.networkId(), TreeStore.GROUP_NAME, group.id(), group.name()))
                    .param("id", group.id()).param("name", group.name())
                    .update());
            moved += updated == null ? 0 : updated;
        }
        return moved;
    }
}
