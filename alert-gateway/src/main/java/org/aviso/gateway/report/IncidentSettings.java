package org.aviso.gateway.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.aviso.core.common.NetworkId;
import org.aviso.core.dispatch.FollowUpQuorum;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A network's settings for incidents: how long a claim may sit without an outcome before the report pages again,
 * and whether UPDATEs of a family-wide alert may go out on one dispatcher's word. Networks without their own use
 * {@link #DEFAULTS}: 15 minutes, and every follow-up needs the original's quorum.
 */
@Repository
public class IncidentSettings {

    public static final int MIN_IDLE_MINUTES = 1;
    public static final int MAX_IDLE_MINUTES = 240;
    public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(15), FollowUpQuorum.SAME_AS_ORIGINAL);

    /** @param claimIdleAfter how long a claim may be held without an outcome before it is flagged */
    public record Settings(Duration claimIdleAfter, FollowUpQuorum followUpQuorum) {

        public Settings {
            if (claimIdleAfter == null || followUpQuorum == null) {
                throw new IllegalArgumentException("incident settings need the idle time and the follow-up rule");
            }
            long minutes = claimIdleAfter.toMinutes();
            if (claimIdleAfter.toSecondsPart() != 0 || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
                throw new IllegalArgumentException("a claim's idle time is whole minutes from " + MIN_IDLE_MINUTES
                        + " to " + MAX_IDLE_MINUTES);
            }
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IncidentSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Settings of(NetworkId network) {
        return saved(network).orElse(DEFAULTS);
    }

    public Optional<Settings> saved(NetworkId network) {
        return jdbc.sql("select claim_idle_minutes, follow_up_quorum from network_incident_setting where network_id = :n")
                .param("n", network.value())
                .query((rs, i) -> new Settings(Duration.ofMinutes(rs.getInt(1)),
                        FollowUpQuorum.valueOf(rs.getString(2))))
                .optional();
    }

    /** Saves the network's settings in the caller's transaction (which records who changed them). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(NetworkId network, Settings settings) {
        jdbc.sql("""
                        insert into network_incident_setting (network_id, claim_idle_minutes, follow_up_quorum, changed_at)
                        values (:n, :idle, :rule, :at)
                        on conflict (network_id) do update set claim_idle_minutes = excluded.claim_idle_minutes,
                            follow_up_quorum = excluded.follow_up_quorum, changed_at = excluded.changed_at
                        """)
                .param("n", network.value()).param("idle", (int) settings.claimIdleAfter().toMinutes())
                .param("rule", settings.followUpQuorum().name())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }
}
