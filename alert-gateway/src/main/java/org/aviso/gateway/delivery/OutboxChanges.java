package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may change in the outbox ({@code recipient_track}, {@code delivery}, {@code pending_receipt},
 * {@code direct_message}): the delivery package alone writes those tables, and this is the way in. Every method
 * runs in the caller's transaction, so the change that causes it (an alert closed, a page stopped, a reply read)
 * commits together with it or not at all.
 */
@Component
public class OutboxChanges {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WorkBell bell;

    OutboxChanges(JdbcClient jdbc, JdbcTemplate template, WorkBell bell) {
        this.jdbc = jdbc;
        this.template = template;
        this.bell = bell;
    }

    /**
     * An alert is closed (ALL_CLEAR, FALSE_ALARM): nothing of it, or of alerts that refer to it, goes out any more.
     * What is queued is cancelled with {@code reason}; its tracks stop.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stopAlert(UUID alert, String reason, Instant now) {
        jdbc.sql("""
                        update delivery set status = 'CANCELLED', failure_reason = :reason
                         where status = 'QUEUED' and alert_id in (select id from alert where id = :id or refers_to = :id)
                        """)
                .param("reason", reason).param("id", alert).update();
        jdbc.sql("""
                        update recipient_track set cancelled_at = coalesce(cancelled_at, :now), next_check_at = :now
                         where alert_id in (select id from alert where id = :id or refers_to = :id) and cancelled_at is null
                        """)
                .param("now", Timestamp.from(now)).param("id", alert).update();
        bell.tracksDue();
    }

    /** A page stopped: its queued messages are cancelled and its tracks stop. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stopPage(UUID escalation, Instant now) {
        jdbc.sql("""
                        update delivery set status = 'CANCELLED', failure_reason = 'PAGE_STOPPED'
                         where escalation_id = :id and status = 'QUEUED'
                        """)
                .param("id", escalation).update();
        jdbc.sql("""
                        update recipient_track set cancelled_at = coalesce(cancelled_at, :now), next_check_at = :now
                         where escalation_id = :id and cancelled_at is null
                        """)
                .param("now", Timestamp.from(now)).param("id", escalation).update();
        bell.tracksDue();
    }

    /** One person to page at one step of a page; the tracker plans their messages from here. */
    public record PageTrack(UUID network, UUID escalation, String stepKey, UUID person, String tier, int priority,
            String language, String channelPolicy) {
    }

    /** Starts tracks for a page's step; a person already paged at that step is left as they are. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void startPageTracks(List<PageTrack> tracks, Instant now) {
        if (tracks.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        template.batchUpdate("""
                        insert into recipient_track (network_id, escalation_id, step_key, person_id, tier, priority,
                                                     language, channel_policy, started_at, next_check_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        """, tracks.stream().map(t -> new Object[] {t.network(), t.escalation(), t.stepKey(), t.person(),
                        t.tier(), t.priority(), t.language(), t.channelPolicy(), at, at}).toList());
        bell.tracksDue();
    }

    /** Someone acknowledged: their track is done and nothing still queued for it goes out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acknowledge(long track, Instant now) {
        jdbc.sql("""
                        update recipient_track set acknowledged_at = coalesce(acknowledged_at, :now), state = 'ACKNOWLEDGED',
                               next_check_at = :now where id = :id
                        """)
                .param("now", Timestamp.from(now)).param("id", track).update();
        jdbc.sql("update delivery set status = 'CANCELLED', failure_reason = 'ACKNOWLEDGED' where track_id = :id and status = 'QUEUED'")
                .param("id", track).update();
        bell.tracksDue();
    }

    /**
     * A person is erased: what has not left yet is cancelled, and what stays (delivery counts) points at
     * {@code anonymous}, nobody; receipts waiting for their Signal account go.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetPerson(UUID person, UUID anonymous, Instant now) {
        jdbc.sql("update delivery set status = 'CANCELLED', failure_reason = 'CANCELLED' where person_id = :id and status = 'QUEUED'")
                .param("id", person).update();
        jdbc.sql("""
                        update recipient_track set cancelled_at = coalesce(cancelled_at, :now), next_check_at = null
                         where person_id = :id and next_check_at is not null
                        """).param("id", person).param("now", Timestamp.from(now)).update();
        jdbc.sql("update recipient_track set person_id = :anon where person_id = :id")
                .param("anon", anonymous).param("id", person).update();
        jdbc.sql("update delivery set person_id = :anon where person_id = :id")
                .param("anon", anonymous).param("id", person).update();
        jdbc.sql("delete from pending_receipt where aci_index = (select signal_aci_index from person where id = :id)")
                .param("id", person).update();
    }

    /** What retention deletes of the outbox, by table; alerts and pages started before {@code cutoff}. */
    public record Deleted(int deliveries, int recipientTracks, int directMessages) {
    }

    /** Retention: the outbox rows of one network older than {@code cutoff}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Deleted deleteBefore(UUID network, Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        int deliveries = jdbc.sql("delete from delivery where network_id = :n and created_at < :cutoff")
                .param("n", network).param("cutoff", before).update();
        int tracks = jdbc.sql("""
                        delete from recipient_track t where t.network_id = :n
                           and (t.alert_id in (select id from alert where network_id = :n and created_at < :cutoff)
                             or t.escalation_id in (select id from escalation where network_id = :n and started_at < :cutoff))
                        """)
                .param("n", network).param("cutoff", before).update();
        int direct = jdbc.sql("delete from direct_message where network_id = :n and created_at < :cutoff")
                .param("n", network).param("cutoff", before).update();
        return new Deleted(deliveries, tracks, direct);
    }

    /** Retention: receipts that never matched a send, received before {@code before}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int deleteUnmatchedReceipts(Instant before) {
        return jdbc.sql("delete from pending_receipt where received_at < :before")
                .param("before", Timestamp.from(before)).update();
    }
}
