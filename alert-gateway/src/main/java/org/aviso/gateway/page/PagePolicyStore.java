package org.aviso.gateway.page;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.aviso.core.common.NetworkId;
import org.aviso.core.escalation.ChannelPolicy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each network's own policy for paging dispatchers about a new report, or the built-in default where it has none.
 * Saving or resetting changes only the reports that arrive afterwards: a page already running keeps the policy
 * frozen into it when it started.
 */
@Repository
public class PagePolicyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public PagePolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A network's own policy and when it was saved. */
    public record Saved(NewReportPaging paging, Instant changedAt) {
    }

    public Optional<Saved> saved(NetworkId network) {
        return jdbc.sql("select * from page_policy where network_id = :network")
                .param("network", network.value())
                .query((rs, n) -> new Saved(new NewReportPaging(tier(rs, "on_call"), tier(rs, "backups"),
                        tier(rs, "coordinators"), rs.getInt("extra_rounds")),
                        rs.getTimestamp("changed_at").toInstant()))
                .optional();
    }

    /** The policy the next report in this network is paged with. */
    public NewReportPaging inForce(NetworkId network) {
        return saved(network).map(Saved::paging).orElse(PagePolicies.NEW_REPORT_DEFAULT);
    }

    /** Saves the network's own policy, in the caller's transaction (with its audit entry). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(NetworkId network, NewReportPaging paging, String changedBy) {
        jdbc.sql("""
                        insert into page_policy (network_id, on_call_channels, on_call_wait_minutes, backups_channels,
                                                 backups_wait_minutes, coordinators_channels,
                                                 coordinators_wait_minutes, extra_rounds, changed_at, changed_by)
                        values (:network, :onCall, :onCallWait, :backups, :backupsWait, :coordinators,
                                :coordinatorsWait, :rounds, :at, :by)
                        on conflict (network_id) do update set
                            on_call_channels = excluded.on_call_channels,
                            on_call_wait_minutes = excluded.on_call_wait_minutes,
                            backups_channels = excluded.backups_channels,
                            backups_wait_minutes = excluded.backups_wait_minutes,
                            coordinators_channels = excluded.coordinators_channels,
                            coordinators_wait_minutes = excluded.coordinators_wait_minutes,
                            extra_rounds = excluded.extra_rounds,
                            changed_at = excluded.changed_at,
                            changed_by = excluded.changed_by
                        """)
                .param("network", network.value())
                .param("onCall", channels(paging.onCall())).param("onCallWait", waitMinutes(paging.onCall()))
                .param("backups", channels(paging.backups())).param("backupsWait", waitMinutes(paging.backups()))
                .param("coordinators", channels(paging.coordinators()))
                .param("coordinatorsWait", waitMinutes(paging.coordinators()))
                .param("rounds", paging.repeat())
                .param("at", Timestamp.from(clock.instant()))
                .param("by", changedBy)
                .update();
    }

    /** Forgets the network's own policy, so it follows the built-in default again; false if it had none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean reset(NetworkId network) {
        return jdbc.sql("delete from page_policy where network_id = :network")
                .param("network", network.value()).update() > 0;
    }

    private static NewReportPaging.TierPaging tier(ResultSet rs, String prefix) throws SQLException {
        String channels = rs.getString(prefix + "_channels");
        return channels == null ? NewReportPaging.TierPaging.notPaged()
                : NewReportPaging.TierPaging.paged(ChannelPolicy.valueOf(channels), rs.getInt(prefix + "_wait_minutes"));
    }

    private static String channels(NewReportPaging.TierPaging tier) {
        return tier.channels().map(Enum::name).orElse(null);
    }

    private static Integer waitMinutes(NewReportPaging.TierPaging tier) {
        return tier.isPaged() ? tier.waitMinutes() : null;
    }
}
