package org.aviso.gateway.crypto;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.report.Salute;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotation re-encrypts every value under a new key and can re-wrap the keys under a new master secret. */
@AvisoTest
@DirtiesContext
@TestPropertySource(properties = "aviso.crypto.new-master-secret=bmV3LXRlc3QtbWFzdGVyLXNlY3JldC0zMi1ieXRlcyEhIQ==")
class KeyRotationTest {

    @Autowired
    KeyRotation rotation;
    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    ReportService reports;
    @Autowired
    ReportStore reportStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void reencryptsEveryValueUnderANewKeyDeletesTheOldAndRewrapsUnderTheNewMaster() {
        TestData.SmallNetwork network = data.smallNetwork("Rotation");
        AvisoPrincipal dana = network.dispatcherASignedIn();
        var report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "text that must survive rotation", Optional.empty()));
        List<PersonDetails> before = tree.people(network.network());
        Set<UUID> oldKeys = keyIdsInUse();
        assertThat(oldKeys).isNotEmpty();

        KeyRotation.Result result = rotation.rotate();

        assertThat(result.valuesReencrypted()).isGreaterThan(5);
        assertThat(result.masterRewrapped()).isTrue();
        Set<UUID> newKeys = keyIdsInUse();
        assertThat(newKeys).doesNotContainAnyElementsOf(oldKeys);
        assertThat(jdbc.queryForObject("select count(*) from data_key where id = any(?)", Long.class,
                (Object) oldKeys.toArray(UUID[]::new))).as("old keys deleted").isZero();
        assertThat(tree.people(network.network())).isEqualTo(before);
        assertThat(reportStore.find(network.network(), report.id()).orElseThrow().report().text())
                .isEqualTo("text that must survive rotation");

        MasterKey newMaster = MasterKey.derive(java.util.Base64.getDecoder()
                .decode("bmV3LXRlc3QtbWFzdGVyLXNlY3JldC0zMi1ieXRlcyEhIQ=="));
        assertThat(jdbc.queryForList("select distinct master_key_id from data_key", String.class))
                .containsExactly(newMaster.id());
        KeyRing underNewMaster = new KeyRing(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), newMaster,
                transactions, java.time.Clock.systemUTC());
        FieldCipher cipher = new FieldCipher(underNewMaster);
        byte[] phone = jdbc.queryForObject("select phone_ct from person where id = ?", byte[].class,
                network.dispatcherA().value());
        assertThat(cipher.decrypt(TreeStore.PERSON_PHONE, network.dispatcherA().value(), phone))
                .isEqualTo(data.phoneOf(network.network(), network.dispatcherA()));
    }

    private Set<UUID> keyIdsInUse() {
        Set<UUID> ids = new HashSet<>();
        for (EncryptedColumns.EncryptedColumn column : EncryptedColumns.ALL) {
            jdbc.query("select " + column.field().column() + " from " + column.field().table() + " where "
                    + column.field().column() + " is not null", rs -> {
                        ids.add(FieldCipher.keyIdOf(rs.getBytes(1)));
                    });
        }
        return ids;
    }
}
