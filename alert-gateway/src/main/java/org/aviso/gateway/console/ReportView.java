package org.aviso.gateway.console;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aviso.core.report.IncidentClosure;

import org.aviso.core.common.SiteId;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.ReporterTrust;
import org.aviso.core.report.Salute;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;

/** A report as the console shows it: where, how trusted, who holds it, and what the viewer may do with it. */
record ReportView(UUID id, String code, String site, ReportStatus status, boolean lowTrust, ZonedDateTime receivedAt,
        ActorNames.Actor holder, boolean claimedByMe, boolean hasPhoto, Salute salute, String text,
        String incidentNoteKey, ZonedDateTime incidentNoteAt, boolean idleClaim, boolean byMessage) {

    static ReportView of(ReportStore.StoredReport stored, Map<SiteId, String> sites, ActorNames.Names names,
            AvisoPrincipal viewer, ZoneId zone) {
        return of(stored, sites, names, viewer, zone, Optional.empty(), false, false);
    }

    /**
     * @param incident how the report's incident ended, or which ended incident it came after ("after an all-clear
     *                 at 16:15"), when either applies
     * @param idleClaim the current claim was flagged as idle and the report paged again
     */
    static ReportView of(ReportStore.StoredReport stored, Map<SiteId, String> sites, ActorNames.Names names,
            AvisoPrincipal viewer, ZoneId zone, Optional<ReportStore.IncidentState> incident, boolean idleClaim,
            boolean byMessage) {
        Report report = stored.report();
        UUID holder = report.claim().map(c -> c.by().value()).orElse(null);
        Optional<IncidentClosure> closed = incident.flatMap(ReportStore.IncidentState::closure);
        Optional<IncidentClosure> after = incident.flatMap(ReportStore.IncidentState::after);
        String noteKey = closed.map(c -> "console.incident.closed." + c.reason())
                .or(() -> after.map(a -> "console.incident.after." + a.reason())).orElse(null);
        ZonedDateTime noteAt = closed.or(() -> after).map(c -> c.at().atZone(zone)).orElse(null);
        return new ReportView(report.id().value(), report.code().display(), sites.getOrDefault(report.site(), ""),
                report.status(), report.trust() == ReporterTrust.UNENROLLED, report.receivedAt().atZone(zone),
                holder == null ? null : names.person(holder),
                holder != null && holder.equals(viewer.personId()), stored.hasPhoto(), report.salute(), report.text(),
                noteKey, noteAt, idleClaim, byMessage);
    }

    /** Whole minutes since the report arrived, as of {@code now} (never negative). */
    public long waitedMinutes(java.time.Instant now) {
        return Math.max(0, java.time.Duration.between(receivedAt.toInstant(), now).toMinutes());
    }

    public boolean open() {
        return !status.isTerminal();
    }

    public boolean claimed() {
        return status == ReportStatus.CLAIMED;
    }
}
