package org.aviso.gateway.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.OutboxChanges;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what a network no longer needs after its retention period (default 30 days): reports with their photos
 * and verification notes, message texts, delivery records, replies, pages, reasons given for rejecting an alert, and
 * the lower-trust queue of messages from unknown numbers (their senders' numbers and words). Before deleting, it adds
 * the counts to {@code daily_count}, so
 * "how many reports, alerts and deliveries, per day" remains. Alerts keep their code, kind, time and signature
 * (no personal data) so an old code can still be checked; their instructions and texts go.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final OutboxChanges outbox;

    public RetentionJob(JdbcClient jdbc, TreeStore tree, AuditLog audit, TransactionTemplate transactions, Clock clock,
            OutboxChanges outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.tree = tree;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${aviso.retention.cron:0 17 3 * * *}")
    public void nightly() {
        run();
    }

    /** Runs retention for every network now; returns rows deleted per kind, summed over networks. */
    public Map<String, Integer> run() {
        Map<String, Integer> total = new LinkedHashMap<>();
        for (NetworkRecord network : tree.networks()) {
            Map<String, Integer> deleted = transactions.execute(status -> run(network));
            if (deleted != null) {
                deleted.forEach((k, v) -> total.merge(k, v, Integer::sum));
            }
        }
        Integer stale = transactions.execute(status -> outbox.deleteUnmatchedReceipts(
                clock.instant().minus(Duration.ofDays(1))));
        total.merge("unmatchedReceipts", stale == null ? 0 : stale, Integer::sum);
        if (total.values().stream().anyMatch(v -> v > 0)) {
            log.info("Retention deleted {}", total);
        }
        return total;
    }

    private Map<String, Integer> run(NetworkRecord record) {
        UUID network = record.network().id().value();
        Duration retention = record.network().retention();
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        count(network, cutoff, "report", "received_at", "'reports.' || status", "");
        // alert rows stay (code, kind, signature); they are counted once, when their texts go
        count(network, cutoff, "alert", "created_at", "'alerts.' || kind",
                " and exists (select 1 from alert_message m where m.alert_id = alert.id)");
        count(network, cutoff, "delivery", "created_at", "'deliveries.' || channel || '.' || status", "");
        count(network, cutoff, "inbound_message", "received_at", "'replies.' || interpreted", "");
        count(network, cutoff, "direct_message", "created_at", "'directMessages.' || purpose", "");
        count(network, cutoff, "message_report", "received_at", "'messageReports.' || status", "");

        Map<String, Integer> deleted = new LinkedHashMap<>();
        OutboxChanges.Deleted outboxRows = outbox.deleteBefore(network, cutoff.toInstant());
        deleted.put("deliveries", outboxRows.deliveries());
        deleted.put("recipientTracks", outboxRows.recipientTracks());
        deleted.put("alertTexts", delete("""
                        delete from alert_message m using alert a
                         where a.id = m.alert_id and a.network_id = :n and a.created_at < :cutoff
                        """, network, cutoff));
        deleted.put("alertInstructions", delete("""
                        update alert set instructions_ct = null, steps_ct = null, free_texts_ct = null
                         where network_id = :n and created_at < :cutoff
                           and (instructions_ct is not null or steps_ct is not null or free_texts_ct is not null)
                        """, network, cutoff));
        jdbc.sql("update alert set status = 'WITHDRAWN' where network_id = :n and created_at < :cutoff and status = 'AWAITING_APPROVAL'")
                .param("n", network).param("cutoff", cutoff).update();
        deleted.put("pages", delete("delete from escalation where network_id = :n and started_at < :cutoff", network, cutoff));
        deleted.put("directMessages", outboxRows.directMessages());
        deleted.put("replies", delete("delete from inbound_message where network_id = :n and received_at < :cutoff", network, cutoff));
        deleted.put("demoMessages", delete("delete from demo_message where network_id = :n and created_at < :cutoff", network, cutoff));
        deleted.put("rejectionReasons", delete("""
                        delete from alert_rejection r using alert a
                         where a.id = r.alert_id and a.network_id = :n
                           and (a.created_at < :cutoff or r.rejected_at < :cutoff)
                        """, network, cutoff));
        // the lower-trust queue: the sender's number and words, whether waiting, promoted or dismissed
        deleted.put("messageReports", delete("delete from message_report where network_id = :n and received_at < :cutoff",
                network, cutoff));
        deleted.put("photos", delete("delete from report_photo where network_id = :n and created_at < :cutoff", network, cutoff));
        deleted.put("verificationNotes", delete("""
                        delete from verification_note v using report r
                         where r.id = v.report_id and r.network_id = :n and r.received_at < :cutoff
                        """, network, cutoff));
        deleted.put("reports", delete("delete from report where network_id = :n and received_at < :cutoff", network, cutoff));
        deleted.put("tasks", delete("delete from channel_task where network_id = :n and resolved_at < :cutoff", network, cutoff));
        if (deleted.values().stream().anyMatch(v -> v > 0)) {
            StringBuilder details = new StringBuilder("days=" + retention.toDays());
            deleted.forEach((k, v) -> details.append(' ').append(k).append('=').append(v));
            audit.record(network, "system", AuditAction.RETENTION_RUN, "network:" + network, details.toString());
        }
        return deleted;
    }

    /** Adds the rows about to go to the per-day counts. */
    private void count(UUID network, Timestamp cutoff, String table, String timeColumn, String metric, String also) {
        jdbc.sql("insert into daily_count (network_id, day, metric, count) "
                        + "select :n, (" + timeColumn + " at time zone 'UTC')::date, " + metric + ", count(*) from " + table
                        + " where network_id = :n and " + timeColumn + " < :cutoff" + also
                        + " group by 2, 3"
                        + " on conflict (network_id, day, metric) do update set count = daily_count.count + excluded.count")
                .param("n", network).param("cutoff", cutoff)
                .update();
    }

    private int delete(String sql, UUID network, Timestamp cutoff) {
        return jdbc.sql(sql).param("n", network).param("cutoff", cutoff).update();
    }

    /** Aggregates that remain after retention: metric → count, over all days. */
    public Map<String, Long> totals(UUID network) {
        Map<String, Long> totals = new LinkedHashMap<>();
        jdbc.sql("select metric, sum(count) from daily_count where network_id = :n group by metric order by metric")
                .param("n", network)
                .query(rs -> {
                    totals.put(rs.getString(1), rs.getLong(2));
                });
        return totals;
    }
}
