package org.aviso.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import org.aviso.core.common.Checks;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Network;

/**
 * Decides which incident a new report belongs to. A report joins an incident of the same site when the incident's
 * last report is within {@code window} of it (either side, since reports can be processed out of order) and the
 * incident has not expired; otherwise it opens a new incident that expires {@code expiry} after opening. Expiry is
 * counted from the opening, not the last report, so a steady trickle of reports cannot keep one incident open for days.
 */
public record IncidentGrouping(Duration window, Duration expiry) {

    public IncidentGrouping {
        Checks.positive(window, "incident window");
        Checks.positive(expiry, "incident expiry");
    }

    public static IncidentGrouping of(Network network) {
        return new IncidentGrouping(network.incidentWindow(), network.incidentExpiry());
    }

    public IncidentAssignment assign(NetworkId network, SiteId site, Instant receivedAt, Collection<Incident> candidates,
            Supplier<IncidentId> newId) {
        Checks.required(network, "network id");
        Checks.required(site, "site id");
        Checks.required(receivedAt, "receivedAt");
        Checks.noNulls(candidates, "candidate incidents");
        Checks.required(newId, "incident id supplier");
        Optional<Incident> open = candidates.stream()
                .filter(incident -> incident.network().equals(network) && incident.site().equals(site))
                .filter(incident -> !incident.isExpired(receivedAt))
                .filter(incident -> Duration.between(incident.lastReportAt(), receivedAt).abs().compareTo(window) <= 0)
                .max(Comparator.comparing(Incident::lastReportAt));
        if (open.isPresent()) {
            return new IncidentAssignment.Joined(open.get().withReportAt(receivedAt));
        }
        return new IncidentAssignment.Opened(
                new Incident(newId.get(), network, site, receivedAt, receivedAt, receivedAt.plus(expiry)));
    }

    public IncidentAssignment assign(NetworkId network, SiteId site, Instant receivedAt,
            Collection<Incident> candidates) {
        return assign(network, site, receivedAt, candidates, IncidentId::random);
    }
}
