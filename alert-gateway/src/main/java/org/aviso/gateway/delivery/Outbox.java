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
    private WorkBell bell = new WorkBell();

    /** The bell this outbox rings when it makes deliveries or tracks due now. */
    Outbox ringing(WorkBell bell) {
        this.bell = bell;
        return this;
    }

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
                           set status = 'SENDING', lease_owner = :owner, lease_until = :lease, attempts = d.attempts + 1,
                               call_started_at = null
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

    /** Failures that say the provider could not be reached or failed before accepting: nothing went out. */
    static final List<String> CHANNEL_DOWN = List.of("NETWORK_ERROR", "PROVIDER_ERROR");

    /**
     * The channel took a message again: rows of it waiting out a backoff because it was down (nothing was sent) are
     * due now, instead of minutes later at their doubled retry time. Rate-limited rows keep their wait (the provider
     * asked for it). The senders' pace still spaces them.
     *
     * <p>The tries the outage cost them are forgotten too (attempts back to 0), except for rows whose failure is being
     * recorded just now: those tries said only that the channel was down, and counted, they doubled the wait after
     * any later hiccup (after a 60 s Twilio outage, a 429 then meant 40-100 s more and a second one up to 200 s: a
     * family still had nothing 3 minutes after Twilio was back, fault suite trial 12) and used up the tries before a
     * row counts as failed.
     *
     * @param justRecorded rows whose outcome is written in the same transaction: they keep their wait and tries, so
     *                     a provider that fails some calls while taking others is not called again at once
     */
    void retryNowAfterOutage(Channel channel, Instant now, java.time.Duration waitingLongerThan,
            Collection<Long> justRecorded) {
        jdbc.sql("""
                        update delivery set due_at = case when due_at > :later then :now else due_at end, attempts = 0
                         where status = 'QUEUED' and channel = :channel and failure_reason in (:reasons)
                           and not (id = any(:recorded))
                        """)
                .param("now", Timestamp.from(now)).param("later", Timestamp.from(now.plus(waitingLongerThan)))
                .param("channel", channel.name()).param("reasons", CHANNEL_DOWN)
                .param("recorded", justRecorded.toArray(Long[]::new))
                .update();
        bell.deliveriesQueued();
    }

    // Channels that may have rows waiting out an outage's backoff. All of them at start: a node that stopped during
    // an outage left such rows behind. Looking costs a scan of the queue, so it is done only after the channel was
    // seen down and then took a message again.
    private final java.util.Set<Channel> mayHoldOutageRetries = java.util.concurrent.ConcurrentHashMap.newKeySet();

    {
        mayHoldOutageRetries.addAll(java.util.EnumSet.allOf(Channel.class));
    }

    /** Every call of a flush on {@code channel} failed because the channel was down. */
    void channelDown(Channel channel) {
        mayHoldOutageRetries.add(channel);
    }

    /** Whether rows of {@code channel} may wait out an outage's backoff; forgets it (the caller brings them forward). */
    boolean takeOutageRetries(Channel channel) {
        return mayHoldOutageRetries.remove(channel);
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
        bell.tracksDue();
    }

    /**
     * Writes down, before the provider is called, that the call for these rows may start now: from here on a crash
     * leaves them "outcome unknown" instead of unsent. Only rows this node still holds are marked; the caller sends
     * only those. Returns the ids marked.
     */
    java.util.Set<Long> markCallStarted(Collection<Long> ids, String owner, Instant at) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        // "(status = 'SENDING') is true" says the same as status = 'SENDING' (status is never null) but does not match
        // the reclaimer's partial index on SENDING rows: with statistics taken while few rows were being sent, the
        // planner read this update through that index, walking every row in flight (and the dead entries of the ones
        // before) for each mark, instead of looking up the ids it is given (21% of PostgreSQL's active time in the
        // fan-out benchmark, pg_stat_activity sampled 2026-12-06 20:11; EXPLAIN of the generic plan)
        return new java.util.HashSet<>(jdbc.sql("""
                        update delivery set call_started_at = :at
                         where id = any(:ids) and lease_owner = :owner and (status = 'SENDING') is true
                        returning id
                        """)
                .param("at", Timestamp.from(at))
                .param("ids", ids.toArray(Long[]::new))
                .param("owner", owner)
                .query(Long.class)
                .list());
    }

    /** What a reclaim did with the deliveries of nodes that stopped. */
    record Reclaimed(int requeued, int unknown) {

        int total() {
            return requeued + unknown;
        }
    }

    /**
     * Deliveries claimed by a node that stopped renewing its lease. A row whose provider call never started goes
     * back to the queue and is sent normally. A row whose call may have started has an unknown outcome and is never
     * repeated blindly: Signal waits for a late receipt (then the receipt timeout decides the SMS fallback); an SMS
     * is looked up at Twilio ({@link #unknownSms}) before it is either confirmed or sent.
     */
    Reclaimed reclaimExpired(Instant wallNow, Instant domainNow) {
        record Row(long trackId, boolean started) {
        }
        List<Row> rows = jdbc.sql("""
                        update delivery
                           set status = case when call_started_at is null then 'QUEUED' else 'UNKNOWN' end,
                               failure_reason = case when call_started_at is null then failure_reason else 'OUTCOME_UNKNOWN' end,
                               sent_at = case when call_started_at is null then sent_at
                                              else coalesce(sent_at, call_started_at, :domainNow) end,
                               due_at = case when call_started_at is null then least(due_at, :domainNow) else due_at end,
                               attempts = case when call_started_at is null then greatest(attempts - 1, 0) else attempts end,
                               lease_owner = case when call_started_at is null then null else lease_owner end,
                               lease_until = case when call_started_at is null then null else lease_until end
                         where status = 'SENDING' and lease_until < :wallNow
                        returning track_id, call_started_at is not null
                        """)
                .param("wallNow", Timestamp.from(wallNow))
                .param("domainNow", Timestamp.from(domainNow))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getBoolean(2)))
                .list();
        // every reclaimed row's person is looked at again: a started one for its unknown outcome, a requeued one
        // because the look the tracker set while its call was under way was for its receipt clock, not for the Signal
        // queue limit, which applies again now that it is queued
        wakeTracks(rows.stream().map(Row::trackId).toList(), domainNow);
        int unknown = (int) rows.stream().filter(Row::started).count();
        if (unknown < rows.size()) {
            bell.deliveriesQueued();
        }
        return new Reclaimed(rows.size() - unknown, unknown);
    }

    /** An SMS whose outcome is unknown, to be looked up at the provider. */
    record UnknownSms(long id, long trackId, UUID personId, UUID alertId, UUID escalationId, UUID messageId,
            String language, String sender, Instant callStartedAt) {
    }

    /**
     * Locks up to {@code limit} SMS whose outcome is unknown and that nobody has looked up yet, oldest first, once
     * {@code settledBefore} has passed since their call (so a provider still working on it has answered).
     */
    List<UnknownSms> unknownSms(int limit, Instant settledBefore) {
        return jdbc.sql("""
                        select id, track_id, person_id, alert_id, escalation_id, message_id, language, sender,
                               coalesce(call_started_at, sent_at) as started
                          from delivery
                         where status = 'UNKNOWN' and channel = 'SMS' and outcome_checked_at is null
                           and coalesce(call_started_at, sent_at) < :settled
                         order by coalesce(call_started_at, sent_at), id
                         limit :limit
                           for update skip locked
                        """)
                .param("settled", Timestamp.from(settledBefore))
                .param("limit", limit)
                .query((rs, n) -> new UnknownSms(rs.getLong("id"), rs.getLong("track_id"),
                        rs.getObject("person_id", UUID.class), rs.getObject("alert_id", UUID.class),
                        rs.getObject("escalation_id", UUID.class), rs.getObject("message_id", UUID.class),
                        rs.getString("language"), rs.getString("sender"), rs.getTimestamp("started").toInstant()))
                .list();
    }

    /** The provider has the message: it was sent. */
    void confirmSent(long id, String providerRef, Instant checkedAt) {
        jdbc.sql("""
                        update delivery set status = 'SENT', provider_ref = :ref, failure_reason = null,
                               outcome_checked_at = :at, lease_owner = null, lease_until = null
                         where id = :id and status = 'UNKNOWN'
                        """)
                .param("ref", providerRef).param("at", Timestamp.from(checkedAt)).param("id", id).update();
    }

    /** The provider never got the message: send it, normally. */
    void requeue(long id, Instant now) {
        jdbc.sql("""
                        update delivery set status = 'QUEUED', failure_reason = null, sent_at = null,
                               call_started_at = null, due_at = :now, outcome_checked_at = :now,
                               lease_owner = null, lease_until = null
                         where id = :id and status = 'UNKNOWN'
                        """)
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** The provider could not tell (no lookup for this channel): the outcome stays unknown, for good. */
    void keepUnknown(long id, Instant checkedAt) {
        jdbc.sql("update delivery set outcome_checked_at = :at where id = :id and status = 'UNKNOWN'")
                .param("at", Timestamp.from(checkedAt)).param("id", id).update();
    }

    /** Lease renewal for a batch still in flight (long provider calls). */
    void renew(Collection<Long> ids, String owner, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return;
        }
        // by the ids, not the partial index on SENDING rows (see markCallStarted)
        jdbc.sql("""
                        update delivery set lease_until = :lease
                         where id = any(:ids) and lease_owner = :owner and (status = 'SENDING') is true
                        """)
                .param("lease", Timestamp.from(leaseUntil))
                .param("ids", ids.toArray(Long[]::new))
                .param("owner", owner)
                .update();
    }

    /** Whether another SMS delivery than {@code self} already owns this provider message id. */
    boolean smsProviderRefTaken(String providerRef, long self) {
        return jdbc.sql("select exists (select 1 from delivery where channel = 'SMS' and provider_ref = :ref and id <> :self)")
                .param("ref", providerRef).param("self", self).query(Boolean.class).single();
    }
}
