package org.aviso.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryPlanner;
import org.aviso.core.escalation.RecipientDecision;
import org.aviso.core.escalation.RecipientTrack;
import org.aviso.core.escalation.SendReason;
import org.aviso.core.escalation.SignalFailure;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the domain's per-recipient planner for tracks that are due: rebuilds each track and its events from the
 * database, asks {@link DeliveryPlanner} what to do, and writes the resulting deliveries (Signal first, SMS
 * fallback), backup activations and the next check time in one transaction. Deciding twice is harmless: the
 * planner derives everything from recorded facts and the outbox's unique constraints refuse a second message.
 */
class RecipientTracker {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FieldCipher cipher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConfiguredChannels channels;
    private final Map<UUID, Timing> timings = new ConcurrentHashMap<>();
    private final WorkBell bell;

    RecipientTracker(JdbcClient jdbc, JdbcTemplate template, FieldCipher cipher, TransactionTemplate transactions,
            Clock clock, ConfiguredChannels channels, WorkBell bell) {
        this.bell = bell;
        this.jdbc = jdbc;
        this.channels = channels;
        this.template = template;
        this.cipher = cipher;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record TrackRow(long id, UUID networkId, UUID alertId, UUID escalationId, UUID messageId, String stepKey,
            UUID personId,
            UUID groupId, Tier tier, int priority, String language, ChannelPolicy policy, boolean ackRequired,
            Duration ackTimeout, UUID backupGroupId, Instant startedAt, Instant acknowledgedAt, Instant backupCoveredAt,
            Instant cancelledAt, ContactPoint contact) {
    }

    private record DeliveryRow(long trackId, Channel channel, String status, String failureReason, Instant createdAt,
            Instant sentAt, Instant deliveredAt, Instant readAt, Instant outcomeCheckedAt, Instant callStartedAt) {
    }

    /** Decides one batch of due tracks. Returns how many it decided. */
    int runOnce(int limit) {
        Integer decided = transactions.execute(status -> decideBatch(limit));
        return decided == null ? 0 : decided;
    }

    /**
     * The priorities of tracks the tracker may have to decide, highest first (lowest number); the pick then reads one
     * priority at a time, each a range of the pick index. Read as one query ordered by priority, next check and id,
     * the generic plan the driver's prepared statement settles on walked the whole index whenever nothing was due:
     * every track of every recent alert waits for a deadline minutes away, so an idle pick read them all (26 ms at
     * 150,000 tracks, five times a second from each of the two tracker loops). The priorities (a few: the tiers) come
     * from a loose index scan that starts at the end of each priority's range, where the latest deadlines are: the
     * start holds the entries tracks left behind when they were decided, which cannot be cleaned up while older
     * transactions run.
     */
    private List<Integer> priorities() {
        List<Integer> priorities = new ArrayList<>(jdbc.sql("""
                        with recursive prio(p) as (
                                (select priority from recipient_track
                                  where next_check_at is not null and not standby order by priority desc limit 1)
                              union all
                                select (select t.priority from recipient_track t
                                         where t.next_check_at is not null and not t.standby and t.priority < prio.p
                                         order by t.priority desc limit 1)
                                  from prio where prio.p is not null)
                        select p from prio where p is not null
                        """)
                .query(Integer.class)
                .list());
        java.util.Collections.sort(priorities);
        return priorities;
    }

    private int decideBatch(int limit) {
        Instant now = clock.instant();
        List<TrackRow> tracks = new ArrayList<>();
        for (int priority : priorities()) {
            if (tracks.size() >= limit) {
                break;
            }
            tracks.addAll(jdbc.sql("""
                            select t.*, p.phone_ct, p.signal_status, p.sms_opted_out, p.sms_unusable, p.identity_changed
                              from recipient_track t join person p on p.id = t.person_id
                             where t.priority = :priority and t.next_check_at <= :now and not t.standby
                             order by t.next_check_at, t.id
                             limit :limit
                               for update of t skip locked
                            """)
                    .param("priority", priority)
                    .param("now", Timestamp.from(now))
                    .param("limit", limit - tracks.size())
                    .query((rs, n) -> mapTrack(rs))
                    .list());
        }
        if (tracks.isEmpty()) {
            return 0;
        }
        Map<Long, List<DeliveryRow>> deliveries = new HashMap<>();
        jdbc.sql("""
                        select track_id, channel, status, failure_reason, created_at, sent_at, delivered_at, read_at,
                               outcome_checked_at, call_started_at
                          from delivery where track_id = any(:ids)
                        """)
                .param("ids", tracks.stream().map(TrackRow::id).toArray(Long[]::new))
                .query(rs -> {
                    DeliveryRow row = new DeliveryRow(rs.getLong("track_id"), Channel.valueOf(rs.getString("channel")),
                            rs.getString("status"), rs.getString("failure_reason"), instant(rs, "created_at"),
                            instant(rs, "sent_at"), instant(rs, "delivered_at"), instant(rs, "read_at"),
                            instant(rs, "outcome_checked_at"), instant(rs, "call_started_at"));
                    deliveries.computeIfAbsent(row.trackId(), k -> new ArrayList<>()).add(row);
                });

        List<Object[]> newDeliveries = new ArrayList<>();
        List<Long> updateIds = new ArrayList<>();
        List<String> updateStates = new ArrayList<>();
        List<String> updateNext = new ArrayList<>();
        List<String> updateCovered = new ArrayList<>();
        Map<Long, Object[]> smsInsteadOfSignal = new HashMap<>();
        List<Long> signalAgain = new ArrayList<>();
        for (TrackRow track : tracks) {
            List<DeliveryRow> rows = deliveries.getOrDefault(track.id(), List.of());
            RecipientDecision decision = DeliveryPlanner.decide(domainTrack(track), events(track, rows), now);
            for (ChannelSend send : decision.send()) {
                Object[] row = new Object[] {track.id(), track.networkId(), track.alertId(), track.escalationId(),
                        track.messageId(), track.stepKey(), track.personId(), send.channel().name(), track.language(),
                        track.priority(), Timestamp.from(now), Timestamp.from(now)};
                if (send.reason() == SendReason.SIGNAL_QUEUE_TOO_LONG) {
                    // only if its Signal message can still be withdrawn (see below)
                    smsInsteadOfSignal.put(track.id(), row);
                } else if (send.reason() == SendReason.SIGNAL_AGAIN_AFTER_SMS_FAILED) {
                    signalAgain.add(track.id());
                } else {
                    newDeliveries.add(row);
                }
            }
            if (decision.coverWithBackup() && track.backupGroupId() != null && track.alertId() != null) {
                activateBackups(track, now);
            }
            updateIds.add(track.id());
            updateStates.add(decision.state().name());
            updateNext.add(decision.nextCheckAt().map(Instant::toString).orElse(null));
            updateCovered.add(decision.coverWithBackup() ? now.toString() : null);
        }
        if (!smsInsteadOfSignal.isEmpty()) {
            // Withdraw the queued Signal message first. A worker that claimed it meanwhile holds its row lock; this
            // update waits for that claim and then finds it no longer QUEUED: that person keeps Signal, no SMS.
            List<Long> withdrawn = jdbc.sql("""
                            update delivery set status = 'CANCELLED', failure_reason = :reason
                             where track_id = any(:ids) and channel = 'SIGNAL' and status = 'QUEUED'
                            returning track_id
                            """)
                    .param("reason", SIGNAL_QUEUE_TOO_LONG)
                    .param("ids", smsInsteadOfSignal.keySet().toArray(Long[]::new))
                    .query(Long.class)
                    .list();
            withdrawn.forEach(id -> newDeliveries.add(smsInsteadOfSignal.get(id)));
            for (int i = 0; i < updateIds.size(); i++) {
                if (smsInsteadOfSignal.containsKey(updateIds.get(i)) && !withdrawn.contains(updateIds.get(i))) {
                    // its Signal message left the queue just now: decide again once that is visible
                    updateNext.set(i, now.plusSeconds(1).toString());
                }
            }
        }
        if (!signalAgain.isEmpty()) {
            // the same Signal row, never sent, queued again: still at most one Signal message per person
            jdbc.sql("""
                            update delivery set status = 'QUEUED', failure_reason = null, due_at = :now, attempts = 0,
                                   call_started_at = null, lease_owner = null, lease_until = null
                             where track_id = any(:ids) and channel = 'SIGNAL' and status = 'CANCELLED'
                               and sent_at is null and provider_ref is null
                            """)
                    .param("now", Timestamp.from(now))
                    .param("ids", signalAgain.toArray(Long[]::new))
                    .update();
            bell.deliveriesQueued();
        }
        if (!newDeliveries.isEmpty()) {
            template.batchUpdate("""
                            insert into delivery (track_id, network_id, alert_id, escalation_id, message_id, step_key,
                                                  person_id, channel, language, priority, status, due_at, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                            on conflict do nothing
                            """, newDeliveries);
            bell.deliveriesQueued();
        }
        // one statement for the whole batch, not one per track
        jdbc.sql("""
                        update recipient_track t set state = v.state, next_check_at = v.next,
                               backup_covered_at = coalesce(t.backup_covered_at, v.covered),
                               fencing_token = t.fencing_token + 1
                          from unnest(:ids::bigint[], :states::text[], (:next::text[])::timestamptz[], (:covered::text[])::timestamptz[])
                               as v(id, state, next, covered)
                         where t.id = v.id
                        """)
                .param("ids", updateIds.toArray(Long[]::new))
                .param("states", updateStates.toArray(String[]::new))
                .param("next", updateNext.toArray(String[]::new))
                .param("covered", updateCovered.toArray(String[]::new))
                .update();
        return tracks.size();
    }

    /** Backup members were frozen into the alert as standby tracks when it started; now they join. */
    private void activateBackups(TrackRow track, Instant now) {
        jdbc.sql("""
                        update recipient_track set standby = false, started_at = :now, next_check_at = :now
                         where alert_id = :alert and group_id = :group and standby and person_id <> :person
                        """)
                .param("now", Timestamp.from(now))
                .param("alert", track.alertId())
                .param("group", track.backupGroupId())
                .param("person", track.personId())
                .update();
        bell.tracksDue();
    }

    private RecipientTrack domainTrack(TrackRow t) {
        Recipient recipient = new Recipient(new PersonId(t.personId()),
                new GroupId(t.groupId() != null ? t.groupId() : t.personId()), t.tier(), Language.of(t.language()),
                t.contact(), ChannelMode.DIRECT, t.ackRequired(), t.ackTimeout(),
                Optional.ofNullable(t.backupGroupId()).map(GroupId::new));
        Timing timing = timing(t.networkId());
        return new RecipientTrack(recipient, t.startedAt() != null ? t.startedAt() : clock.instant(), t.policy(),
                timing.receiptTimeout(), timing.signalQueueLimit(), t.cancelledAt() != null);
    }

    static List<DeliveryEvent> events(TrackRow track, List<DeliveryRow> deliveries) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (DeliveryRow d : deliveries) {
            if ("CANCELLED".equals(d.status())) {
                if (d.channel() == Channel.SIGNAL && WITHDRAWN.contains(d.failureReason())) {
                    // withdrawn unsent for an SMS: recorded, but may be queued again if that SMS fails for good
                    events.add(new DeliveryEvent.SendRecorded(d.channel(), d.createdAt()));
                    events.add(new DeliveryEvent.SignalWithdrawn(d.createdAt()));
                }
                continue;
            }
            events.add(new DeliveryEvent.SendRecorded(d.channel(), d.createdAt()));
            if (d.channel() == Channel.SIGNAL && "SENDING".equals(d.status())) {
                events.add(new DeliveryEvent.SignalInFlight(d.createdAt(), Optional.ofNullable(d.callStartedAt())));
            }
            Instant at = d.sentAt() != null ? d.sentAt() : d.createdAt();
            boolean accepted = "SENT".equals(d.status()) || "DELIVERED".equals(d.status()) || "READ".equals(d.status());
            if (d.channel() == Channel.SIGNAL) {
                if (accepted) {
                    events.add(new DeliveryEvent.SignalAccepted(at));
                } else if ("UNKNOWN".equals(d.status())) {
                    events.add(new DeliveryEvent.SignalFailed(SignalFailure.OUTCOME_UNKNOWN, at));
                } else if ("FAILED".equals(d.status())) {
                    events.add(new DeliveryEvent.SignalFailed(signalFailure(d.failureReason()), at));
                }
            } else if (accepted) {
                events.add(new DeliveryEvent.SmsAccepted(at));
            } else if ("FAILED".equals(d.status())
                    || ("UNKNOWN".equals(d.status()) && d.outcomeCheckedAt() != null)) {
                // an unknown SMS not yet looked up at the provider is still in flight: it may yet count as sent
                events.add(new DeliveryEvent.SmsFailed(true, at));
            }
            if (d.deliveredAt() != null) {
                events.add(new DeliveryEvent.Delivered(d.channel(), d.deliveredAt()));
            }
            if (d.readAt() != null) {
                events.add(new DeliveryEvent.Read(d.channel(), d.readAt()));
            }
        }
        if (track.acknowledgedAt() != null) {
            events.add(new DeliveryEvent.Acknowledged(track.acknowledgedAt()));
        }
        if (track.cancelledAt() != null) {
            events.add(new DeliveryEvent.AlertCancelled(track.cancelledAt()));
        }
        if (track.backupCoveredAt() != null) {
            events.add(new DeliveryEvent.BackupCovered(track.backupCoveredAt()));
        }
        return events;
    }

    /** Why a queued Signal message was withdrawn unsent in favour of an SMS. */
    static final String SIGNAL_QUEUE_TOO_LONG = "SIGNAL_QUEUE_TOO_LONG";
    static final java.util.Set<String> WITHDRAWN = java.util.Set.of(SIGNAL_QUEUE_TOO_LONG, "SUPERSEDED_BY_SMS");

    static SignalFailure signalFailure(String reason) {
        if (reason == null) {
            return SignalFailure.UNREGISTERED;
        }
        switch (reason) {
            case "IDENTITY_CHANGED":
                return SignalFailure.IDENTITY_CHANGED;
            case "CAPTCHA_REQUIRED":
                return SignalFailure.CAPTCHA_REQUIRED;
            case "OUTCOME_UNKNOWN":
                return SignalFailure.OUTCOME_UNKNOWN;
            default:
                // not on Signal, or any other failure after which Signal will not carry this message: SMS now
                return SignalFailure.UNREGISTERED;
        }
    }

    /** A network's delivery timing. */
    record Timing(Duration receiptTimeout, Duration signalQueueLimit) {
    }

    private Timing timing(UUID network) {
        return timings.computeIfAbsent(network, id -> jdbc.sql("""
                        select receipt_timeout_seconds, signal_queue_limit_seconds from network where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new Timing(Duration.ofSeconds(rs.getInt(1)), Duration.ofSeconds(rs.getInt(2))))
                .optional()
                .orElse(new Timing(Duration.ofSeconds(90), RecipientTrack.DEFAULT_SIGNAL_QUEUE_LIMIT)));
    }

    void forgetNetworkSettings() {
        timings.clear();
    }

    private TrackRow mapTrack(ResultSet rs) throws SQLException {
        UUID person = rs.getObject("person_id", UUID.class);
        ContactPoint contact = new ContactPoint(
                new PhoneNumber(cipher.decrypt(TreeStore.PERSON_PHONE, person, rs.getBytes("phone_ct"))),
                SignalStatus.valueOf(rs.getString("signal_status")), rs.getBoolean("sms_opted_out"),
                rs.getBoolean("sms_unusable"), rs.getBoolean("identity_changed"));
        return new TrackRow(rs.getLong("id"), rs.getObject("network_id", UUID.class),
                rs.getObject("alert_id", UUID.class), rs.getObject("escalation_id", UUID.class),
                rs.getObject("message_id", UUID.class), rs.getString("step_key"), person, rs.getObject("group_id", UUID.class),
                Tier.valueOf(rs.getString("tier")), rs.getInt("priority"), rs.getString("language"),
                channels.effective(ChannelPolicy.valueOf(rs.getString("channel_policy"))), rs.getBoolean("acknowledgement_required"),
                Duration.ofSeconds(rs.getInt("acknowledgement_timeout_seconds")),
                rs.getObject("backup_group_id", UUID.class), instant(rs, "started_at"), instant(rs, "acknowledged_at"),
                instant(rs, "backup_covered_at"), instant(rs, "cancelled_at"), contact);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
