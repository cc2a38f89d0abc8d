package org.aviso.gateway.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Decrypts the phone numbers of a batch of recipients, at the moment of sending and no earlier. */
class PhoneBook {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    PhoneBook(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    Map<UUID, PhoneNumber> phones(Collection<UUID> people) {
        Map<UUID, PhoneNumber> phones = new HashMap<>();
        if (people.isEmpty()) {
            return phones;
        }
        jdbc.sql("select id, phone_ct from person where id = any(:ids)")
                .param("ids", people.stream().distinct().toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    phones.put(id, new PhoneNumber(cipher.decrypt(TreeStore.PERSON_PHONE, id, rs.getBytes("phone_ct"))));
                });
        return phones;
    }
}
