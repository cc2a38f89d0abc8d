package org.aviso.gateway.profile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Site profiles as a history: {@link #save} adds a revision, {@link #inForce} reads the latest one at a moment. The
 * profile is stored as one encrypted JSON document, bound to its row.
 */
@Repository
public class SiteProfiles {

    static final FieldRef BODY = FieldRef.of("site_profile_revision", "body_ct");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    SiteProfiles(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** When a profile changed and who changed it ({@code user:<id>}). */
    public record Revision(UUID id, Instant at, String by) {
    }

    public void save(NetworkId network, SiteId site, SiteProfile profile, Instant at, String actor) {
        UUID id = UUID.randomUUID();
        byte[] body = cipher.encrypt(network.value(), BODY, id, JSON.writeValueAsString(profile));
        jdbc.sql("""
                        insert into site_profile_revision (id, network_id, site_id, body_ct, changed_at, changed_by)
                        values (:id, :network, :site, :body, :at, :by)
                        """)
                .param("id", id).param("network", network.value()).param("site", site.value()).param("body", body)
                .param("at", Timestamp.from(at)).param("by", actor).update();
    }

    /** The profile in force at {@code at}; empty when the site has none yet. */
    public SiteProfile inForce(NetworkId network, SiteId site, Instant at) {
        return jdbc.sql("""
                        select id, body_ct from site_profile_revision
                         where network_id = :network and site_id = :site and changed_at <= :at
                         order by changed_at desc, id limit 1
                        """)
                .param("network", network.value()).param("site", site.value()).param("at", Timestamp.from(at))
                .query((rs, row) -> read(rs.getObject("id", UUID.class), rs.getBytes("body_ct")))
                .optional().orElse(SiteProfile.empty());
    }

    /** One revision as it was, for the history. */
    public Optional<SiteProfile> revision(NetworkId network, SiteId site, UUID id) {
        return jdbc.sql("""
                        select id, body_ct from site_profile_revision
                         where network_id = :network and site_id = :site and id = :id
                        """)
                .param("network", network.value()).param("site", site.value()).param("id", id)
                .query((rs, row) -> read(rs.getObject("id", UUID.class), rs.getBytes("body_ct"))).optional();
    }

    public List<Revision> history(NetworkId network, SiteId site) {
        return jdbc.sql("""
                        select id, changed_at, changed_by from site_profile_revision
                         where network_id = :network and site_id = :site order by changed_at desc, id
                        """)
                .param("network", network.value()).param("site", site.value())
                .query((rs, row) -> new Revision(rs.getObject("id", UUID.class),
                        rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by")))
                .list();
    }

    private SiteProfile read(UUID id, byte[] body) {
        return JSON.readValue(cipher.decrypt(BODY, id, body), SiteProfile.class);
    }
}
