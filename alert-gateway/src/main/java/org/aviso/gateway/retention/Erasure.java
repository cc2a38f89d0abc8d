package org.aviso.gateway.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.gateway.delivery.OutboxChanges;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.security.NotInNetworkException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes people, groups and sites. Removing a person erases them: the row with their encrypted number, name and
 * label and the blind indexes of their number and Signal account go, and so does everything that was theirs (what
 * they wrote to Aviso, their phones, their group memberships, an enrolment or consent). What was sent to them stays
 * as anonymous counts: their deliveries are re-pointed at a random id that belongs to nobody, so an alert's totals
 * do not change. Anything still waiting to be sent to them is cancelled first.
 *
 * <p>Someone whose name is on the network's record (who sent or approved an alert, claimed or resolved a report, or
 * signs in) cannot be erased here: {@link Refused} says why, and nothing changes.
 */
@Service
public class Erasure {

    /** Why a removal was refused; {@link #getMessage()} is a message key. */
    public static class Refused extends RuntimeException {
        public Refused(String messageKey) {
            super(messageKey);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    private final OutboxChanges outbox;

    Erasure(JdbcClient jdbc, AuditLog audit, Clock clock, OutboxChanges outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void erasePerson(NetworkId network, PersonId person, String actor) {
        UUID id = person.value();
        jdbc.sql("select id from person where id = :id and network_id = :network for update")
                .param("id", id).param("network", network.value()).query(UUID.class).optional()
                .orElseThrow(NotInNetworkException::new);
        if (count("select count(*) from user_account where person_id = :id", id) > 0) {
            throw new Refused("admin.remove.error.account");
        }
        if (count("""
                select (select count(*) from alert where sender_person_id = :id)
                     + (select count(*) from alert_approval where person_id = :id)
                     + (select count(*) from report where claimed_by = :id or resolved_by = :id)
                """, id) > 0) {
            throw new Refused("admin.remove.error.history");
        }
        Timestamp now = Timestamp.from(clock.instant());
        // stop what has not left yet, then keep the rest as counts that point at nobody
        UUID anonymous = UUID.randomUUID();
        outbox.forgetPerson(id, anonymous, now.toInstant());
        jdbc.sql("update escalation_event set person_id = :anon where person_id = :id")
                .param("anon", anonymous).param("id", id).update();
        jdbc.sql("delete from inbound_message where person_id = :id").param("id", id).update();
        // memberships, phones, enrolment codes, tasks, demo messages and consent go with the row (on delete cascade)
        jdbc.sql("delete from person where id = :id").param("id", id).update();
        audit.record(network.value(), actor, AuditAction.PERSON_CHANGED, "person:" + id, "erased");
    }

    @Transactional
    public void removeGroup(NetworkId network, GroupId group, String actor) {
        UUID id = group.value();
        jdbc.sql("select id from contact_group where id = :id and network_id = :network for update")
                .param("id", id).param("network", network.value()).query(UUID.class).optional()
                .orElseThrow(NotInNetworkException::new);
        if (count("select count(*) from contact_group where backup_group_id = :id", id) > 0) {
            throw new Refused("admin.remove.error.backup");
        }
        int members = jdbc.sql("delete from group_member where group_id = :id").param("id", id).update();
        jdbc.sql("delete from contact_group where id = :id").param("id", id).update();
        audit.record(network.value(), actor, AuditAction.SETTINGS_CHANGED, "group:" + id,
                "removed members=" + members);
    }

    @Transactional
    public void removeSite(NetworkId network, SiteId site, String actor) {
        UUID id = site.value();
        jdbc.sql("select id from site where id = :id and network_id = :network for update")
                .param("id", id).param("network", network.value()).query(UUID.class).optional()
                .orElseThrow(NotInNetworkException::new);
        if (count("""
                select (select count(*) from person where site_id = :id)
                     + (select count(*) from contact_group where site_id = :id)
                """, id) > 0) {
            throw new Refused("admin.remove.error.siteNotEmpty");
        }
        if (count("""
                select (select count(*) from report where site_id = :id)
                     + (select count(*) from alert where site_id = :id)
                     + (select count(*) from incident where site_id = :id)
                """, id) > 0) {
            throw new Refused("admin.remove.error.siteHistory");
        }
        jdbc.sql("delete from device_enrollment where site_id = :id").param("id", id).update();
        jdbc.sql("delete from device where site_id = :id").param("id", id).update();
        jdbc.sql("delete from site where id = :id").param("id", id).update();
        audit.record(network.value(), actor, AuditAction.SETTINGS_CHANGED, "site:" + id, "removed");
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
