package org.aviso.gateway.report;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.IncidentClosure;
import org.aviso.core.report.Report;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.page.PageService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends an incident and everything still open in it, in the caller's transaction: the ALL_CLEAR or FALSE_ALARM that
 * closes it, or its expiry. Its open reports become CLOSED (after an all-clear or false alarm), every page about its
 * reports stops at once (nothing still queued leaves after the commit), and no later report joins it.
 */
@Service
public class IncidentClosing {

    private final ReportStore reports;
    private final PageService pages;
    private final AuditLog audit;
    private final ReportEvents events;
    private final Clock clock;

    IncidentClosing(ReportStore reports, PageService pages, AuditLog audit, ReportEvents events, Clock clock) {
        this.reports = reports;
        this.pages = pages;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An ALL_CLEAR or FALSE_ALARM went out for the incident's alert. {@code by} sent it. Returns false (and changes
     * nothing) when the incident had ended already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean closeByAlert(NetworkId network, IncidentId incident, IncidentClosure.Reason reason, UUID alert,
            PersonId by, String actor) {
        if (!reason.closesReports()) {
            throw new IllegalArgumentException("an alert closes an incident as ALL_CLEAR or FALSE_ALARM");
        }
        return close(network, new IncidentClosure(incident, reason, clock.instant()), Optional.of(alert),
                Optional.of(by), actor, AuditAction.INCIDENT_CLOSED);
    }

    /** The incident's time ran out: its pages stop; its reports keep their status. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean expire(NetworkId network, IncidentId incident) {
        return close(network, new IncidentClosure(incident, IncidentClosure.Reason.EXPIRED, clock.instant()),
                Optional.empty(), Optional.empty(), "system", AuditAction.INCIDENT_EXPIRED);
    }

    private boolean close(NetworkId network, IncidentClosure closure, Optional<UUID> alert, Optional<PersonId> by,
            String actor, AuditAction action) {
        if (!reports.closeIncident(closure, alert)) {
            return false;
        }
        List<ReportStore.StoredReport> stored = reports.reportsOfLocked(network, closure.incident());
        List<Report> all = stored.stream().map(ReportStore.StoredReport::report).toList();
        int closed = 0;
        if (by.isPresent()) {
            for (Report changed : closure.closeReports(all, by.get())) {
                int version = stored.stream().filter(s -> s.report().id().equals(changed.id())).findFirst()
                        .orElseThrow().version();
                reports.update(changed, version);
                closed++;
            }
        }
        int stopped = pages.stopNow(all, "INCIDENT_" + closure.reason());
        audit.record(network.value(), actor, action, "incident:" + closure.incident().value(),
                (closure.reason().closesReports() ? "kind=" : "reason=") + closure.reason() + " reportsClosed=" + closed + " pagesStopped=" + stopped
                        + alert.map(a -> " alert=" + a).orElse(""));
        events.changed(network);
        return true;
    }
}
