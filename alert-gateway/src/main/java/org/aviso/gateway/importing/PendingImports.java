package org.aviso.gateway.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.aviso.core.common.NetworkId;

import org.springframework.stereotype.Component;

/**
 * What a dry run read, kept in memory (never in the database) for twenty minutes so that "apply" imports exactly the
 * file the administrator reviewed. The cells of sensitive columns were blanked before; unmapped ones stay in memory
 * only, so that the administrator can still map them, and are blanked again before anything is planned or stored. A restart forgets
 * them, and the administrator runs the dry run again.
 */
@Component
public class PendingImports {

    static final Duration KEPT_FOR = Duration.ofMinutes(20);

    public record Pending(NetworkId network, UUID admin, SchoolExport export, ColumnMapping mapping,
            ImportPlanner.Defaults defaults, String preset, Instant until) {

        @Override
        public String toString() {
            return "Pending[" + export + "]";
        }
    }

    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    PendingImports(Clock clock) {
        this.clock = clock;
    }

    public UUID keep(NetworkId network, UUID admin, SchoolExport export, ColumnMapping mapping,
            ImportPlanner.Defaults defaults, String preset) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !p.until().isAfter(now));
        UUID token = UUID.randomUUID();
        pending.put(token, new Pending(network, admin, export, mapping, defaults, preset, now.plus(KEPT_FOR)));
        return token;
    }

    /** The pending import, if this administrator's network made it and it has not expired. */
    public Optional<Pending> find(UUID token, NetworkId network) {
        Pending p = token == null ? null : pending.get(token);
        if (p == null || !p.network().equals(network)) {
            return Optional.empty();
        }
        if (!p.until().isAfter(clock.instant())) {
            pending.remove(token);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    public void forget(UUID token) {
        pending.remove(token);
    }
}
