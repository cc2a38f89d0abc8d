package org.aviso.gateway.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.PersonId;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks the channels raise for people: solve a Signal captcha, re-trust a changed safety number, fix refused
 * credentials. One open task per kind, sender and person; shown on the console until an administrator marks it
 * done.
 */
@Component
public class ChannelTaskStore implements ChannelTasks {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public ChannelTaskStore(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void raise(Kind kind, String sender, Optional<PersonId> person, String detail) {
        UUID personId = person.map(PersonId::value).orElse(null);
        boolean open = jdbc.sql("""
                        select count(*) > 0 from channel_task
                         where kind = :kind and sender = :sender and person_id is not distinct from :person
                           and resolved_at is null
                        """)
                .param("kind", kind.name()).param("sender", sender).param("person", personId)
                .query(Boolean.class).single();
        if (open) {
            if (detail != null && !detail.isBlank()) {
                // a newer captcha token replaces the old one: only the latest can be solved
                jdbc.sql("""
                                update channel_task set detail = :detail
                                 where kind = :kind and sender = :sender and person_id is not distinct from :person
                                   and resolved_at is null
                                """)
                        .param("detail", detail).param("kind", kind.name()).param("sender", sender)
                        .param("person", personId).update();
            }
            return;
        }
        UUID network = personId == null ? null : jdbc.sql("select network_id from person where id = :id")
                .param("id", personId).query(UUID.class).optional().orElse(null);
        jdbc.sql("""
                        insert into channel_task (id, network_id, kind, sender, person_id, detail, created_at)
                        values (:id, :network, :kind, :sender, :person, :detail, :now)
                        """)
                .param("id", UUID.randomUUID()).param("network", network).param("kind", kind.name())
                .param("sender", sender).param("person", personId).param("detail", detail == null ? "" : detail)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** An open task as the console shows it. Tasks without a network (a sender's problem) show everywhere. */
    public record Task(UUID id, Kind kind, String sender, UUID personId, String detail, Instant createdAt) {
    }

    public List<Task> open(UUID networkId) {
        return jdbc.sql("""
                        select id, kind, sender, person_id, detail, created_at from channel_task
                         where resolved_at is null and (network_id = :network or network_id is null)
                         order by created_at
                        """)
                .param("network", networkId)
                .query((rs, n) -> new Task(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
                        rs.getString("sender"), rs.getObject("person_id", UUID.class), rs.getString("detail"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional
    public void resolve(AvisoPrincipal administrator, UUID taskId) {
        int updated = jdbc.sql("""
                        update channel_task set resolved_at = :now, resolved_by = :by
                         where id = :id and resolved_at is null and (network_id = :network or network_id is null)
                        """)
                .param("now", Timestamp.from(clock.instant())).param("by", administrator.id())
                .param("id", taskId).param("network", administrator.networkId())
                .update();
        if (updated == 0) {
            throw new NotInNetworkException();
        }
        audit.record(administrator.networkId(), administrator.actor(), AuditAction.TASK_RESOLVED, "task:" + taskId, "");
    }
}
