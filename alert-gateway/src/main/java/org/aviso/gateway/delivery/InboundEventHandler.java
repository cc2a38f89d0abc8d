package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.notify.ReplyReceiver;
import org.aviso.gateway.tree.TreeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receipts and status callbacks move deliveries forward (never back: a late "sent" after "delivered" changes
 * nothing, and a repeated callback is a no-op); replies go to the {@link ReplyReceiver} (the reply feature).
 */
@Component
public class InboundEventHandler implements InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEventHandler.class);

    /** How long a receipt waits for a database that is out before it is given up (a restart takes seconds). */
    static final Duration RECEIPT_PATIENCE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final BlindIndex blindIndex;
    private final TreeStore tree;
    private final ChannelTasks tasks;
    private final ReplyReceiver replies;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final WorkBell bell;

    InboundEventHandler(JdbcClient jdbc, BlindIndex blindIndex, TreeStore tree, ChannelTasks tasks,
            ReplyReceiver replies, DeliveryMetrics metrics, Clock clock, PlatformTransactionManager transactionManager,
            WorkBell bell) {
        this.bell = bell;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
        this.tree = tree;
        this.tasks = tasks;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A receipt can race the recording of its send: this transaction looks for the send before the worker's commit,
     * and the worker looks for waiting receipts before this one's commit. So each side looks again after it has
     * committed (here, and in the worker after recording): whichever commits second then sees the other's row, and
     * the receipt is never left waiting. The housekeeping sweep stays as a safety net.
     */
    @Override
    public void signalReceipt(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, ReceiptKind kind,
            List<Long> sentTimestamps, Instant at) {
        if (sentTimestamps.isEmpty() || sourceAci == null) {
            return;
        }
        // signal-cli sends a receipt once: dropped while PostgreSQL restarts, the person's message would look
        // undelivered and they would get an SMS as well. Retried whole, which is safe: a receipt applied twice
        // changes nothing the second time
        List<String> waiting = DatabaseOutage.retry("a Signal receipt", RECEIPT_PATIENCE, () -> transactions.execute(status -> {
            byte[] aci = blindIndex.of("aci", sourceAci);
            UUID[] people = peopleBy(aci, sourceNumber).toArray(UUID[]::new);
            List<String> refs = sentTimestamps.stream().map(String::valueOf).toList();
            List<String> matched = apply(refs, aci, people, kind, at);
            Instant now = clock.instant();
            List<String> unmatched = refs.stream().filter(ref -> !matched.contains(ref)).toList();
            for (String ref : unmatched) {
                // the phone was faster than we were at writing the send down: keep it for when we do
                jdbc.sql("""
                                insert into pending_receipt (provider_ref, aci_index, kind, at, received_at)
                                values (:ref, :aci, :kind, :at, :now)
                                """)
                        .param("ref", ref).param("aci", aci).param("kind", kind.name())
                        .param("at", Timestamp.from(at)).param("now", Timestamp.from(now))
                        .update();
            }
            return unmatched;
        }));
        if (waiting != null && !waiting.isEmpty()) {
            // if this fails, the housekeeping sweep applies the kept receipts
            transactions.executeWithoutResult(status -> applyPendingReceipts(waiting));
        }
    }

    /** Applies receipts that arrived before these Signal sends were recorded. Called after recording them. */
    void applyPendingReceipts(List<String> providerRefs) {
        if (providerRefs.isEmpty()) {
            return;
        }
        record Pending(long id, String providerRef, byte[] aciIndex, String kind, Timestamp at) {
        }
        List<Pending> pending = jdbc.sql("""
                        select id, provider_ref, aci_index, kind, at from pending_receipt
                         where provider_ref = any(:refs) order by id
                        """)
                .param("refs", providerRefs.toArray(String[]::new))
                .query(Pending.class).list();
        for (Pending p : pending) {
            UUID[] people = jdbc.sql("select id from person where signal_aci_index = :aci")
                    .param("aci", p.aciIndex()).query(UUID.class).list().toArray(UUID[]::new);
            if (!apply(List.of(p.providerRef()), p.aciIndex(), people, ReceiptKind.valueOf(p.kind()),
                    p.at().toInstant()).isEmpty()) {
                jdbc.sql("delete from pending_receipt where id = :id").param("id", p.id()).update();
            }
        }
    }

    /**
     * Applies waiting receipts whose sends have been recorded since. The recording node applies them at once; this
     * sweep catches the receipt that was written down in the same instant on another node, where neither
     * transaction could yet see the other's row.
     */
    @Transactional
    public int sweepPendingReceipts() {
        // each waiting receipt looks its send up by reference (a lateral subquery with a limit is always such a
        // lookup): as a join, the planner hashed the whole delivery table every 5 s, 0.2-0.6 s each time with
        // 10,000-100,000 deliveries, while no receipt was waiting at all (pg_stat_statements, 2026-12-06 22:40)
        List<String> refs = jdbc.sql("""
                        select p.provider_ref from (select distinct provider_ref from pending_receipt) p
                         cross join lateral (select 1 from delivery d
                                              where d.channel = 'SIGNAL' and d.provider_ref = p.provider_ref
                                                and d.status in ('SENT', 'DELIVERED', 'READ') limit 1) sent
                         limit 1000
                        """)
                .query(String.class).list();
        applyPendingReceipts(refs);
        return refs.size();
    }

    /** Moves matching Signal deliveries forward; returns the send timestamps it matched. */
    private List<String> apply(List<String> refs, byte[] aci, UUID[] people, ReceiptKind kind, Instant at) {
        record Hit(long trackId, Timestamp sentAt, String providerRef) {
        }
        List<Hit> hits = jdbc.sql("""
                        update delivery d set
                               status = case when :kind = 'READ' then 'READ'
                                             when d.status = 'READ' then 'READ' else 'DELIVERED' end,
                               delivered_at = coalesce(d.delivered_at, :at),
                               read_at = case when :kind = 'READ' then coalesce(d.read_at, :at) else d.read_at end
                         where d.channel = 'SIGNAL' and d.provider_ref = any(:refs)
                           and d.status in ('SENT', 'DELIVERED', 'READ')
                           and (d.recipient_aci_index = :aci
                                or (d.recipient_aci_index is null and d.person_id = any(:people)))
                           and (d.status <> 'READ' and (d.status <> 'DELIVERED' or :kind = 'READ'))
                        returning d.track_id, d.sent_at, d.provider_ref
                        """)
                .param("kind", kind.name())
                .param("at", Timestamp.from(at))
                .param("refs", refs.toArray(String[]::new))
                .param("aci", aci)
                .param("people", people)
                .query((rs, n) -> new Hit(rs.getLong(1), rs.getTimestamp(2), rs.getString(3)))
                .list();
        List<String> hitRefs = hits.stream().map(Hit::providerRef).toList();
        String[] rest = refs.stream().filter(ref -> !hitRefs.contains(ref) && ref.matches("\\d{1,15}"))
                .toArray(String[]::new);
        if (rest.length > 0) {
            // A Signal send whose outcome was unknown (the node died or the call timed out during it) has no
            // provider_ref; signal-cli's timestamp of that message is when it was sent, just after our mark, so the
            // person's unknown row whose call started closest before it is the message this receipt is about.
            hits = new java.util.ArrayList<>(hits);
            hits.addAll(jdbc.sql("""
                            with candidate as (
                                select distinct on (r.ref) d.id, r.ref
                                  from unnest(:rest) as r(ref)
                                  join delivery d on d.channel = 'SIGNAL' and d.status = 'UNKNOWN'
                                       and d.provider_ref is null and d.call_started_at is not null
                                       and d.person_id = any(:people)
                                       and d.call_started_at <= to_timestamp(r.ref::bigint / 1000.0) + interval '1 minute'
                                       and d.call_started_at >= to_timestamp(r.ref::bigint / 1000.0) - interval '10 minutes'
                                 order by r.ref, d.call_started_at desc
                            )
                            update delivery d set
                                   status = case when :kind = 'READ' then 'READ' else 'DELIVERED' end,
                                   provider_ref = c.ref, failure_reason = null,
                                   delivered_at = coalesce(d.delivered_at, :at),
                                   read_at = case when :kind = 'READ' then coalesce(d.read_at, :at) else d.read_at end
                              from candidate c
                             where d.id = c.id and d.status = 'UNKNOWN' and d.provider_ref is null
                            returning d.track_id, d.sent_at, d.provider_ref
                            """)
                    .param("rest", rest)
                    .param("people", people)
                    .param("kind", kind.name())
                    .param("at", Timestamp.from(at))
                    .query((rs, n) -> new Hit(rs.getLong(1), rs.getTimestamp(2), rs.getString(3)))
                    .list());
        }
        for (Hit hit : hits) {
            if (hit.sentAt() != null && kind == ReceiptKind.DELIVERED) {
                metrics.delivered(Channel.SIGNAL, Duration.between(hit.sentAt().toInstant(), at));
            }
        }
        wake(hits.stream().map(Hit::trackId).toList());
        // a receipt for a message already marked delivered still counts as matched
        List<String> matched = new java.util.ArrayList<>(hits.stream().map(Hit::providerRef).toList());
        matched.addAll(jdbc.sql("""
                        select provider_ref from delivery where channel = 'SIGNAL' and provider_ref = any(:refs)
                           and status in ('DELIVERED', 'READ')
                           and (recipient_aci_index = :aci or (recipient_aci_index is null and person_id = any(:people)))
                        """)
                .param("refs", refs.toArray(String[]::new)).param("aci", aci).param("people", people)
                .query(String.class).list());
        return matched;
    }

    @Override
    @Transactional
    public void smsStatus(long deliveryId, String messageSid, String status, Optional<Integer> errorCode, Instant at) {
        String target = switch (status == null ? "" : status.toLowerCase()) {
            case "sent" -> "SENT";
            case "delivered" -> "DELIVERED";
            case "read" -> "READ";
            case "undelivered", "failed" -> "FAILED";
            default -> null; // queued, accepted, sending, scheduled: nothing we act on
        };
        if (target == null) {
            return;
        }
        record Hit(long trackId, Timestamp sentAt) {
        }
        // forward only: UNKNOWN < SENT < DELIVERED < READ; FAILED only from SENT (a carrier may report after "sent").
        // A callback for an SMS whose outcome was unknown proves Twilio had it (the URL names the delivery).
        List<Hit> hits = jdbc.sql("""
                        update delivery set status = :target, provider_ref = coalesce(provider_ref, :sid),
                               delivered_at = case when :target in ('DELIVERED', 'READ') then coalesce(delivered_at, :at) else delivered_at end,
                               read_at = case when :target = 'READ' then coalesce(read_at, :at) else read_at end,
                               error_code = case when :target = 'FAILED' then :errorCode else error_code end,
                               failure_reason = case when :target = 'FAILED' then 'CARRIER_' || coalesce(:errorCode::text, 'UNKNOWN')
                                                    when status = 'UNKNOWN' then null else failure_reason end
                         where id = :id and channel = 'SMS'
                           and (provider_ref = :sid or (status = 'UNKNOWN' and provider_ref is null))
                           and (case status when 'UNKNOWN' then 0 when 'SENT' then 1 when 'DELIVERED' then 2 when 'READ' then 3 else 9 end)
                               < (case :target when 'SENT' then 1 when 'DELIVERED' then 2 when 'READ' then 3 else 9 end)
                           and not (status in ('DELIVERED', 'READ') and :target = 'FAILED')
                           and status in ('SENT', 'DELIVERED', 'READ', 'SENDING', 'UNKNOWN')
                        returning track_id, sent_at
                        """)
                .param("target", target)
                .param("at", Timestamp.from(at))
                .param("errorCode", errorCode.orElse(null))
                .param("id", deliveryId)
                .param("sid", messageSid)
                .query((rs, n) -> new Hit(rs.getLong(1), rs.getTimestamp(2)))
                .list();
        for (Hit hit : hits) {
            if ("DELIVERED".equals(target) && hit.sentAt() != null) {
                metrics.delivered(Channel.SMS, Duration.between(hit.sentAt().toInstant(), at));
            }
        }
        wake(hits.stream().map(Hit::trackId).toList());
    }

    @Override
    public Optional<String> reply(InboundReply reply) {
        return replies.handle(reply);
    }

    @Override
    @Transactional
    public void untrustedIdentity(String account, String sourceAci, Optional<PhoneNumber> sourceNumber, Instant at) {
        List<UUID> people = peopleBy(sourceAci == null ? null : blindIndex.of("aci", sourceAci), sourceNumber);
        if (people.isEmpty()) {
            log.info("A message from an unknown sender with a changed safety number was not read");
        }
        for (UUID person : people) {
            tree.markIdentityChanged(new PersonId(person), true);
            tasks.raise(ChannelTasks.Kind.IDENTITY_CHANGED, account, Optional.of(new PersonId(person)), "");
        }
    }

    /** Everyone the sender could be: by the keyed hash of their ACI, or of their number when Signal shows it. */
    private List<UUID> peopleBy(byte[] aci, Optional<PhoneNumber> number) {
        java.util.Set<UUID> people = new java.util.LinkedHashSet<>();
        if (aci != null) {
            people.addAll(jdbc.sql("select id from person where signal_aci_index = :aci")
                    .param("aci", aci).query(UUID.class).list());
        }
        number.ifPresent(n -> people.addAll(jdbc.sql("select id from person where phone_index = :phone")
                .param("phone", blindIndex.phone(n.e164())).query(UUID.class).list()));
        return List.copyOf(people);
    }

    private void wake(List<Long> tracks) {
        if (!tracks.isEmpty()) {
            jdbc.sql("update recipient_track set next_check_at = :now where id = any(:ids) and cancelled_at is null")
                    .param("now", Timestamp.from(clock.instant())).param("ids", tracks.toArray(Long[]::new)).update();
            bell.tracksDue();
        }
    }
}
