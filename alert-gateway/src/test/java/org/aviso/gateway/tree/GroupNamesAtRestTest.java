package org.aviso.gateway.tree;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.RawTables;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 6: a group's name and a person's label are never stored in clear, and the names stored in clear
 * before V14_2 are moved into ciphertext at the next start. The school's name may stay in clear.
 */
@AvisoTest
class GroupNamesAtRestTest {

    private static final String GROUP = "Room 12 families, north wing";
    private static final String RENAMED = "Room 12 and 14 families";
    private static final String LEGACY = "Mrs Alvarez's Room 7 families";
    private static final String LABEL = "Room 12 family of the twins";
    private static final String SCHOOL = "Lincoln Elementary";

    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    GroupNameEncryption encryption;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void groupNamesAndLabelsAreOnlyCiphertextAtRestAndOldClearNamesAreMoved() throws Exception {
        NetworkId network = data.network("Riverside RRN");
        SiteId site = data.site(network, SCHOOL);
        GroupId group = data.group(network, Optional.of(site), GROUP, Tier.FAMILIES, Set.of(AlertKind.VERIFIED));
        PersonId person = PersonId.random();
        tree.savePerson(new PersonDetails(new Person(person, network, Set.of(Role.FAMILY), Language.of("es"),
                new ContactPoint(TestData.phone(), SignalStatus.UNKNOWN, false, false, false), Optional.of(LABEL)),
                Optional.of(site), Optional.empty(), false));
        // a group as V1 stored it: its name in clear, no ciphertext
        UUID legacy = UUID.randomUUID();
        jdbc.sql("""
                        insert into contact_group (id, version, network_id, site_id, name, tier, receives)
                        values (:id, 1, :network, :site, :name, 'STAFF', 'VERIFIED')
                        """)
                .param("id", legacy).param("network", network.value()).param("site", site.value())
                .param("name", LEGACY).update();
        // an edit writes the new name encrypted, and the old one is gone
        Group saved = tree.group(network, group).orElseThrow();
        tree.saveGroup(new Group(saved.id(), network, saved.site(), RENAMED, saved.tier(), saved.receives(),
                saved.acknowledgementRequired(), saved.acknowledgementTimeout(), saved.backup(), saved.mode()));

        // before the start-up step the old name is still readable, and it is the only one in clear
        assertThat(tree.groups(network)).extracting(Group::name).containsExactlyInAnyOrder(RENAMED, LEGACY);
        assertThat(RawTables.scan(dataSource, List.of(GROUP, RENAMED, LEGACY, LABEL), List.of()))
                .containsExactly(new RawTables.Found("contact_group.name", LEGACY));

        assertThat(encryption.encryptClearNames()).isEqualTo(1);
        assertThat(encryption.encryptClearNames()).isZero();

        assertThat(RawTables.scan(dataSource, List.of(GROUP, RENAMED, LEGACY, LABEL), List.of())).isEmpty();
        assertThat(RawTables.scan(dataSource, List.of(SCHOOL), List.of()))
                .as("school names may stay in clear").isNotEmpty();
        // and everything still reads back: the pages, the import's matching by name and Signal's group titles
        assertThat(tree.groups(network)).extracting(Group::name).containsExactlyInAnyOrder(RENAMED, LEGACY);
        assertThat(tree.group(network, new GroupId(legacy)).orElseThrow().name()).isEqualTo(LEGACY);
        assertThat(tree.person(network, person).orElseThrow().person().label()).contains(LABEL);
        // a ciphertext moved to another group does not decrypt: it is bound to its row
        jdbc.sql("update contact_group set name_ct = (select name_ct from contact_group where id = :from) where id = :to")
                .param("from", legacy).param("to", group.value()).update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tree.group(network, group))
                .hasMessageContaining("contact_group.name_ct");
    }

    @Test
    void aNewGroupWritesNoClearName() {
        NetworkId network = data.network("Eastside RRN");
        GroupId group = data.group(network, Optional.empty(), "On-call dispatchers", Tier.DISPATCH_AND_NETWORK,
                Set.of(AlertKind.ADVISORY));
        assertThat(jdbc.sql("select name is null and name_ct is not null from contact_group where id = :id")
                .param("id", group.value()).query(Boolean.class).single()).isTrue();
    }
}
