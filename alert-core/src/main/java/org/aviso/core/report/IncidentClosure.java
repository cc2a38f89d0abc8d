package org.aviso.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.aviso.core.common.Checks;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.PersonId;

/**
 * How and when an incident ended. An incident ends when an ALL_CLEAR or FALSE_ALARM goes out for its alert, or when
 * it expires. An ended incident stays ended: no report joins it any more (a report at the site afterwards opens a
 * new incident, which the console shows as coming after this one), and nothing about it pages anyone.
 */
public record IncidentClosure(IncidentId incident, Reason reason, Instant at) {

    /** Why the incident ended. Stored by name. */
    public enum Reason {
        /** The threat has passed: an ALL_CLEAR went out. */
        ALL_CLEAR,
        /** The alert was withdrawn as wrong: a FALSE_ALARM went out. */
        FALSE_ALARM,
        /** Nobody closed it and its time ran out. */
        EXPIRED;

        /** ALL_CLEAR and FALSE_ALARM are a person's decision and close the reports in the incident with it. */
        public boolean closesReports() {
            return this != EXPIRED;
        }
    }

    public IncidentClosure {
        Checks.required(incident, "incident id");
        Checks.required(reason, "reason");
        Checks.required(at, "closed at");
    }

    /**
     * The reports of the incident that this closure changes: those still NEW or CLAIMED become CLOSED (by
     * {@code by}, who sent the closing alert). Reports with an outcome keep it. An expiry changes no report: it only
     * stops the pages, and a dispatcher may still record what they found.
     */
    public List<Report> closeReports(Collection<Report> reports, PersonId by) {
        Checks.noNulls(reports, "reports");
        Checks.required(by, "closed by");
        List<Report> changed = new ArrayList<>();
        if (!reason.closesReports()) {
            return changed;
        }
        for (Report report : reports) {
            if (report.incident().equals(incident) && !report.isResolved()) {
                changed.add(report.closeWithIncident(by, at));
            }
        }
        return changed;
    }
}
