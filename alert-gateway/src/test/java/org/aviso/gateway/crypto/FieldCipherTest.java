package org.aviso.gateway.crypto;

import java.util.UUID;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AvisoTest
class FieldCipherTest {

    private static final FieldRef PHONE = FieldRef.of("person", "phone_ct");
    private static final FieldRef NAME = FieldRef.of("person", "name_ct");

    @Autowired
    FieldCipher cipher;
    @Autowired
    BlindIndex blindIndex;
    @Autowired
    JdbcClient jdbc;

    private final UUID network = UUID.randomUUID();
    private final UUID row = UUID.randomUUID();

    @Test
    void decryptsWhatItEncryptedForTheSameRowAndColumn() {
        byte[] stored = cipher.encrypt(network, PHONE, row, "+15550100002");

        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("5550100002");
        assertThat(cipher.decrypt(PHONE, row, stored)).isEqualTo("+15550100002");
    }

    @Test
    void refusesACiphertextMovedToAnotherRow() {
        byte[] stored = cipher.encrypt(network, PHONE, row, "+15550100002");

        assertThatThrownBy(() -> cipher.decrypt(PHONE, UUID.randomUUID(), stored))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("person.phone_ct")
                .hasMessageNotContaining("5550100002");
    }

    @Test
    void refusesACiphertextMovedToAnotherColumn() {
        byte[] stored = cipher.encrypt(network, PHONE, row, "Ana R");

        assertThatThrownBy(() -> cipher.decrypt(NAME, row, stored)).isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesATamperedCiphertext() {
        byte[] stored = cipher.encrypt(network, PHONE, row, "+15550100002");
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(PHONE, row, stored)).isInstanceOf(CryptoException.class);
    }

    @Test
    void storesTheIdOfTheNetworksActiveDataKeyWithEachCiphertext() {
        byte[] first = cipher.encrypt(network, PHONE, row, "a");
        byte[] second = cipher.encrypt(network, NAME, row, "b");
        byte[] otherNetwork = cipher.encrypt(UUID.randomUUID(), NAME, row, "b");

        UUID keyId = FieldCipher.keyIdOf(first);
        assertThat(FieldCipher.keyIdOf(second)).isEqualTo(keyId);
        assertThat(FieldCipher.keyIdOf(otherNetwork)).isNotEqualTo(keyId);
        String networkOfKey = jdbc.sql("select network_id::text from data_key where id = :id")
                .param("id", keyId).query(String.class).single();
        assertThat(networkOfKey).isEqualTo(network.toString());
    }

    @Test
    void encryptsTheSameValueDifferentlyEachTime() {
        assertThat(cipher.encrypt(network, PHONE, row, "x")).isNotEqualTo(cipher.encrypt(network, PHONE, row, "x"));
    }

    @Test
    void blindIndexIsStablePerValueAndDiffersBetweenValues() {
        assertThat(blindIndex.phone("+15550100002")).isEqualTo(blindIndex.phone("+15550100002"));
        assertThat(blindIndex.phone("+15550100002")).isNotEqualTo(blindIndex.phone("+15550100003"));
        assertThat(blindIndex.of("user", "+15550100002")).isNotEqualTo(blindIndex.phone("+15550100002"));
    }
}
