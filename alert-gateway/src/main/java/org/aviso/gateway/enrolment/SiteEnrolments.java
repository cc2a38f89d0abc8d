package org.aviso.gateway.enrolment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** How each site takes self-enrolment: its code, the family group new families join, approval first or not. */
@Repository
public class SiteEnrolments {

    public record Setting(SiteId site, NetworkId network, String code, Optional<GroupId> familyGroup,
            boolean requiresApproval) {
    }

    private final JdbcClient jdbc;

    SiteEnrolments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Setting> byCode(String code) {
        return jdbc.sql("select * from site_enrolment where code = :code").param("code", code)
                .query((rs, n) -> map(rs)).optional();
    }

    public Optional<Setting> forSite(NetworkId network, SiteId site) {
        return jdbc.sql("select * from site_enrolment where site_id = :site and network_id = :network")
                .param("site", site.value()).param("network", network.value())
                .query((rs, n) -> map(rs)).optional();
    }

    public List<Setting> all(NetworkId network) {
        return jdbc.sql("select * from site_enrolment where network_id = :network").param("network", network.value())
                .query((rs, n) -> map(rs)).list();
    }

    /** Whether another site uses this code already (codes are unique across the installation). */
    public boolean codeTaken(String code, SiteId except) {
        return jdbc.sql("select count(*) from site_enrolment where code = :code and site_id <> :site")
                .param("code", code).param("site", except.value()).query(Long.class).single() > 0;
    }

    @Transactional
    public void save(Setting setting) {
        jdbc.sql("""
                        insert into site_enrolment (site_id, network_id, code, family_group_id, requires_approval)
                        values (:site, :network, :code, :group, :approval)
                        on conflict (site_id) do update set code = excluded.code,
                            family_group_id = excluded.family_group_id, requires_approval = excluded.requires_approval
                        """)
                .param("site", setting.site().value()).param("network", setting.network().value())
                .param("code", setting.code())
                .param("group", setting.familyGroup().map(GroupId::value).orElse(null))
                .param("approval", setting.requiresApproval())
                .update();
    }

    private static Setting map(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID group = rs.getObject("family_group_id", UUID.class);
        return new Setting(new SiteId(rs.getObject("site_id", UUID.class)),
                new NetworkId(rs.getObject("network_id", UUID.class)), rs.getString("code"),
                Optional.ofNullable(group).map(GroupId::new), rs.getBoolean("requires_approval"));
    }
}
