package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.aviso.core.common.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox table: deliveries written in the same transaction as the change that causes them, claimed by
 * whichever node gets there first ({@code FOR UPDATE SKIP LOCKED} with a lease), and their outcomes recorded.
 */
class Outbox {

    private final JdbcClient jdbc;
    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery this node now holds the lease on. */
    record Claimed(long id, long trackId, UUID networkId, UUID alertId, UUID escalationId, UUID messageId,
            UUID personId, Channel channel, String language, int attempts) {

        UUID subject() {
            return alertId != null ? alertId : escalationId != null ? escalationId : messageId;
        }
    }

    /** Claims up to {@code limit} due deliveries of a channel, highest priority first. */
    List<Claimed> claim(Channel channel, int limit, String owner, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        with due as (
                            select id from delivery
                             where status = 'QUEUED' and channel = :channel and due_at <= :now
                             order by priority, due_at, id
                             limit :limit
                             for update skip locked)
                        update delivery d
                           set status = 'SENDING', lease_owner = :owner, lease_until = :lease, attempts = d.attempts + 1
                          from due where d.id = due.id
                        returning d.id, d.track_id, d.network_id, d.alert_id, d.escalation_id, d.message_id, d.person_id, d.channel,
                                  d.language, d.attempts, d.priority
                        """)
                .param("channel", channel.name())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .param("owner", owner)
                .param("lease", Timestamp.from(leaseUntil))
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("track_id"),
                        rs.getObject("network_id", UUID.class), rs.getObject("alert_id", UUID.class),
                        rs.getObject("escalation_id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getObject("person_id", UUID.class),
                        Channel.valueOf(rs.getString("channel")), rs.getString("language"), rs.getInt("attempts")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(Claimed::id))
                .toList();
    }

    /** What happened to one claimed delivery, ready to be written back. */
    record Result(long id, String status, String sender, String providerRef, byte[] recipientAciIndex,
            String failureReason, Instant sentAt, Instant dueAt) {
    }

    /**
     * Writes results back, but only for rows this node still holds (or that a reclaimer marked UNKNOWN after our
     * lease ran out: what we learnt is then better than a guess).
     */
    void record(Collection<Result> results, String owner) {
        if (results.isEmpty()) {
            return;
        }
        List<Result> rows = List.copyOf(results);
        int n = rows.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        String[] senders = new String[n];
        String[] refs = new String[n];
        String[] acis = new String[n];
        String[] reasons = new String[n];
        String[] sentAt = new String[n];
        String[] dueAt = new String[n];
        for (int i = 0; i < n; i++) {
            Result r = rows.get(i);
            ids[i] = r.id();
            statuses[i] = r.status();
            senders[i] = r.sender();
            refs[i] = r.providerRef();
            acis[i] = r.recipientAciIndex() == null ? null : java.util.HexFormat.of().formatHex(r.recipientAciIndex());
            reasons[i] = r.failureReason();
            sentAt[i] = r.sentAt() == null ? null : r.sentAt().toString();
            dueAt[i] = r.dueAt() == null ? null : r.dueAt().toString();
        }
        // one statement for the whole batch (a JDBC batch of updates is still one statement per row)
        jdbc.sql("""
                        update delivery d
                           set status = v.status, sender = coalesce(v.sender, d.sender),
                               provider_ref = coalesce(v.ref, d.provider_ref),
                               recipient_aci_index = coalesce(decode(v.aci, 'hex'), d.recipient_aci_index),
                               failure_reason = v.reason, sent_at = coalesce(v.sent_at::timestamptz, d.sent_at),
                               due_at = coalesce(v.due_at::timestamptz, d.due_at), lease_owner = null, lease_until = null
                          from unnest(:ids::bigint[], :statuses::text[], :senders::text[], :refs::text[], :acis::text[],
                                      :reasons::text[], :sentAt::text[], :dueAt::text[])
                               as v(id, status, sender, ref, aci, reason, sent_at, due_at)
                         where d.id = v.id and d.lease_owner = :owner and d.status in ('SENDING', 'UNKNOWN')
                        """)
                .param("ids", ids).param("statuses", statuses).param("senders", senders).param("refs", refs)
                .param("acis", acis).param("reasons", reasons).param("sentAt", sentAt).param("dueAt", dueAt)
                .param("owner", owner)
                .update();
    }

    /** Wakes the tracker for these tracks now: an outcome may change what the planner decides. */
    void wakeTracks(Collection<Long> trackIds, Instant now) {
        if (trackIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update recipient_track set next_check_at = least(coalesce(next_check_at, :now), :now)
                         where id = any(:ids)
                        """)
                .param("now", Timestamp.from(now))
                .param("ids", trackIds.toArray(Long[]::new))
                .update();
    }

    /**
     * Deliveries claimed by a node that stopped renewing its lease. Whether the provider got them is unknown, and
     * a send whose outcome is unknown is never repeated on the same channel: they become UNKNOWN and their
     * tracks decide the fallback. Returns how many were reclaimed.
     */
    int reclaimExpired(Instant wallNow, Instant domainNow) {
        List<Long> tracks = jdbc.sql("""
                        update delivery set status = 'UNKNOWN', failure_reason = 'OUTCOME_UNKNOWN',
                               sent_at = coalesce(sent_at, :domainNow)
                         where status = 'SENDING' and lease_until < :wallNow
                        returning track_id
                        """)
                .param("wallNow", Timestamp.from(wallNow))
                .param("domainNow", Timestamp.from(domainNow))
                .query(Long.class)
                .list();
        wakeTracks(tracks, domainNow);
        return tracks.size();
    }

    /** Lease renewal for a batch still in flight (long provider calls). */
    void renew(Collection<Long> ids, String owner, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update delivery set lease_until = :lease where id = any(:ids) and lease_owner = :owner and status = 'SENDING'")
                .param("lease", Timestamp.from(leaseUntil))
                .param("ids", ids.toArray(Long[]::new))
                .param("owner", owner)
                .update();
    }
}
