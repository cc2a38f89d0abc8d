package org.aviso.gateway.console;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import org.aviso.core.common.SiteId;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.ReporterTrust;
import org.aviso.core.report.Salute;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;

/** A report as the console shows it: where, how trusted, who holds it, and what the viewer may do with it. */
record ReportView(UUID id, String code, String site, ReportStatus status, boolean lowTrust, ZonedDateTime receivedAt,
        ActorNames.Actor holder, boolean claimedByMe, boolean hasPhoto, Salute salute, String text) {

    static ReportView of(ReportStore.StoredReport stored, Map<SiteId, String> sites, ActorNames.Names names,
            AvisoPrincipal viewer, ZoneId zone) {
        Report report = stored.report();
        UUID holder = report.claim().map(c -> c.by().value()).orElse(null);
        return new ReportView(report.id().value(), report.code().display(), sites.getOrDefault(report.site(), ""),
                report.status(), report.trust() == ReporterTrust.UNENROLLED, report.receivedAt().atZone(zone),
                holder == null ? null : names.person(holder),
                holder != null && holder.equals(viewer.personId()), stored.hasPhoto(), report.salute(), report.text());
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
