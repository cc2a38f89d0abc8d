package org.aviso.gateway.help;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.AlertId;
import org.aviso.core.common.NetworkId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An alert's check-in: per site and group, how many of the people it was meant for answered OK, asked for help
 * (AYUDA / HELP, which counts before an OK), or have not answered. Backups on standby are not counted: the alert was
 * not for them unless their group's lead failed to acknowledge.
 */
@Component
public class CheckIns {

    private final JdbcClient jdbc;

    CheckIns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Line(Optional<UUID> site, Optional<UUID> group, long ok, long help, long noAnswer) {
        public long total() {
            return ok + help + noAnswer;
        }
    }

    @Transactional(readOnly = true)
    public List<Line> of(NetworkId network, AlertId alert) {
        return jdbc.sql("""
                        select p.site_id, t.group_id,
                               count(*) filter (where h.person_id is not null) as help,
                               count(*) filter (where h.person_id is null and t.acknowledged_at is not null) as ok,
                               count(*) filter (where h.person_id is null and t.acknowledged_at is null) as no_answer
                          from recipient_track t
                          left join person p on p.id = t.person_id
                          left join (select distinct person_id from help_request where alert_id = :alert) h
                                 on h.person_id = t.person_id
                         where t.alert_id = :alert and t.network_id = :network and not t.standby
                         group by p.site_id, t.group_id
                         order by p.site_id nulls last, t.group_id nulls last
                        """)
                .param("alert", alert.value()).param("network", network.value())
                .query((rs, n) -> new Line(Optional.ofNullable(rs.getObject("site_id", UUID.class)),
                        Optional.ofNullable(rs.getObject("group_id", UUID.class)), rs.getLong("ok"),
                        rs.getLong("help"), rs.getLong("no_answer")))
                .list();
    }

    public static Line total(List<Line> lines) {
        return new Line(Optional.empty(), Optional.empty(), lines.stream().mapToLong(Line::ok).sum(),
                lines.stream().mapToLong(Line::help).sum(), lines.stream().mapToLong(Line::noAnswer).sum());
    }
}
