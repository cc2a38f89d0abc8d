package org.aviso.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * As {@link #assign(NetworkId, SiteId, Instant, Collection, Supplier)}, but an incident that has ended (in
     * {@code closures}) is never joined: a report after an all-clear starts a new incident, which remembers the
     * closure it came after (the latest one among {@code closures} of the candidates at that site, before the report).
     */
    public IncidentAssignment assign(NetworkId network, SiteId site, Instant receivedAt,
            Collection<Incident> candidates, Collection<IncidentClosure> closures, Supplier<IncidentId> newId) {
        Checks.noNulls(candidates, "candidate incidents");
        Checks.noNulls(closures, "closures");
        Map<IncidentId, IncidentClosure> closed = new HashMap<>();
        closures.stream().filter(c -> !c.at().isAfter(receivedAt)).forEach(c -> closed.put(c.incident(), c));
        List<Incident> open = candidates.stream().filter(i -> !closed.containsKey(i.id())).toList();
        IncidentAssignment assignment = assign(network, site, receivedAt, open, newId);
        if (assignment instanceof IncidentAssignment.Opened opened) {
            Optional<IncidentClosure> after = candidates.stream()
                    .filter(i -> i.network().equals(network) && i.site().equals(site))
                    .map(i -> closed.get(i.id())).filter(java.util.Objects::nonNull)
                    .max(Comparator.comparing(IncidentClosure::at));
            return new IncidentAssignment.Opened(opened.incident(), after);
        }
        return assignment;
    }
}
