package org.aviso.gateway.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.ReportId;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.page.PageService;
import org.aviso.gateway.tree.TreeStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches time on incidents, with the escalation loop: an incident whose time ran out ends (its pages stop, the
 * console says it expired); a claim held longer than the network's set time without an outcome is flagged and the
 * report pages again, because a dispatcher who claimed and went quiet leaves everyone thinking it is handled.
 */
@Component
class IncidentWatch implements DeliveryEngine.Tickable {

    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final ReportStore reports;
    private final IncidentClosing closing;
    private final PageService pages;
    private final TreeStore tree;
    private final AuditLog audit;
    private final ReportEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IncidentWatch(JdbcClient jdbc, ReportStore reports, IncidentClosing closing, PageService pages, TreeStore tree,
            AuditLog audit, ReportEvents events, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.closing = closing;
        this.pages = pages;
        this.tree = tree;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int tick() {
        Integer expired = transactions.execute(s -> expire());
        Integer idle = transactions.execute(s -> idleClaims());
        return (expired == null ? 0 : expired) + (idle == null ? 0 : idle);
    }

    private int expire() {
        record Due(UUID id, UUID network) {
        }
        List<Due> due = jdbc.sql("""
                        select id, network_id from incident where closed_at is null and expires_at <= :now
                         order by expires_at limit :limit for update skip locked
                        """)
                .param("now", Timestamp.from(clock.instant())).param("limit", BATCH)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        int done = 0;
        for (Due incident : due) {
            if (closing.expire(new NetworkId(incident.network()), new IncidentId(incident.id()))) {
                done++;
            }
        }
        return done;
    }

    private int idleClaims() {
        Instant now = clock.instant();
        record Idle(UUID id, UUID network, Instant claimedAt) {
        }
        List<Idle> idle = jdbc.sql("""
                        select r.id, r.network_id, r.claimed_at from report r
                          join incident i on i.id = r.incident_id
                          left join network_incident_setting s on s.network_id = r.network_id
                         where r.status = 'CLAIMED' and i.closed_at is null
                           and r.claimed_at + make_interval(mins => coalesce(s.claim_idle_minutes, :defaultMinutes)) <= :now
                           and (r.idle_flagged_at is null or r.idle_flagged_at < r.claimed_at)
                         order by r.claimed_at limit :limit for update of r skip locked
                        """)
                .param("defaultMinutes", (int) IncidentSettings.DEFAULTS.claimIdleAfter().toMinutes())
                .param("now", Timestamp.from(now)).param("limit", BATCH)
                .query((rs, n) -> new Idle(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .list();
        int done = 0;
        for (Idle candidate : idle) {
            NetworkId network = new NetworkId(candidate.network());
            ReportStore.StoredReport stored = reports.find(network, new ReportId(candidate.id())).orElseThrow();
            if (!reports.flagIdleClaim(stored.report().id(), candidate.claimedAt(), now)) {
                continue;
            }
            String site = tree.site(network, stored.report().site()).map(s -> s.name()).orElse("");
            pages.startForIdleClaim(stored.report(), site);
            audit.record(network.value(), "system", AuditAction.CLAIM_IDLE, ReportService.subject(stored.report()),
                    "claimedBy=" + stored.report().claim().map(c -> c.by().value().toString()).orElse(""));
            events.changed(network);
            done++;
        }
        return done;
    }
}
