package org.aviso.core.report;

import java.time.Instant;
import org.aviso.core.common.Checks;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;

/**
 * Reports about one site close together in time: they are verified and alerted on once, not once per caller.
 *
 * @param expiresAt when the incident closes on its own, counted from when it opened
 */
public record Incident(
        IncidentId id, NetworkId network, SiteId site, Instant openedAt, Instant lastReportAt, Instant expiresAt) {

    public Incident {
        Checks.required(id, "incident id");
        Checks.required(network, "network id");
        Checks.required(site, "site id");
        Checks.required(openedAt, "openedAt");
        Checks.required(lastReportAt, "lastReportAt");
        Checks.required(expiresAt, "expiresAt");
        if (lastReportAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("the last report cannot precede the incident's opening");
        }
        if (!expiresAt.isAfter(openedAt)) {
            throw new IllegalArgumentException("an incident must expire after it opens");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    Incident withReportAt(Instant at) {
        return new Incident(id, network, site, openedAt, at.isAfter(lastReportAt) ? at : lastReportAt, expiresAt);
    }
}
