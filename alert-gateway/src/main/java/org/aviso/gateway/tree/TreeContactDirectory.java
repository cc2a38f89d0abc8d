package org.aviso.gateway.tree;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.notify.ContactDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The tree as the channels see it: reachability to refresh, and GROUP-mode groups to mirror on Signal. */
@Component
class TreeContactDirectory implements ContactDirectory {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final TreeStore tree;
    private final Clock clock;

    TreeContactDirectory(JdbcClient jdbc, FieldCipher cipher, BlindIndex blindIndex, TreeStore tree, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.tree = tree;
        this.clock = clock;
    }

    @Override
    public List<ContactToCheck> dueForSignalCheck(Duration maxAge, int limit) {
        return jdbc.sql("""
                        select id, phone_ct from person
                         where signal_checked_at is null or signal_checked_at < :before
                         order by signal_checked_at nulls first, id limit :limit
                        """)
                .param("before", Timestamp.from(clock.instant().minus(maxAge)))
                .param("limit", limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ContactToCheck(new PersonId(id),
                            new PhoneNumber(cipher.decrypt(TreeStore.PERSON_PHONE, id, rs.getBytes("phone_ct"))));
                })
                .list();
    }

    @Override
    @Transactional
    public void recordSignalStatus(PersonId person, boolean registered, Optional<String> aci) {
        tree.markSignalStatus(person, registered ? SignalStatus.ON_SIGNAL : SignalStatus.NOT_ON_SIGNAL);
        aci.ifPresent(a -> jdbc.sql("update person set signal_aci_index = :aci where id = :id")
                .param("aci", blindIndex.of("aci", a)).param("id", person.value()).update());
    }

    @Override
    public List<SignalGroupSpec> signalGroups() {
        record Row(UUID id, String name, String signalGroupId) {
        }
        List<Row> groups = jdbc.sql("select * from contact_group where channel_mode = 'GROUP' order by id")
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), tree.groupName(rs),
                        rs.getString("signal_group_id")))
                .list();
        List<SignalGroupSpec> specs = new ArrayList<>();
        for (Row group : groups) {
            List<PhoneNumber> members = jdbc.sql("""
                            select p.id, p.phone_ct from group_member m join person p on p.id = m.person_id
                             where m.group_id = :group order by p.id
                            """)
                    .param("group", group.id())
                    .query((rs, n) -> new PhoneNumber(cipher.decrypt(TreeStore.PERSON_PHONE,
                            rs.getObject("id", UUID.class), rs.getBytes("phone_ct"))))
                    .list();
            specs.add(new SignalGroupSpec(new GroupId(group.id()), group.name(),
                    Optional.ofNullable(group.signalGroupId()), members));
        }
        return specs;
    }

    @Override
    @Transactional
    public void recordSignalGroupId(GroupId group, String signalGroupId) {
        jdbc.sql("update contact_group set signal_group_id = :signal where id = :id")
                .param("signal", signalGroupId).param("id", group.value()).update();
    }
}
