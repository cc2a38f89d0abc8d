package org.aviso.gateway.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.render.TemplateKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A network's own wording of its templates, as a history (see V4): a save or a reset adds a row, nothing is updated,
 * so the text in force at any moment can be found again. An empty body means "the built-in text".
 */
@Repository
public class TemplateRevisions {

    private final JdbcClient jdbc;

    TemplateRevisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The network's own texts in force at {@code at}; a key that was reset, or never changed, is absent. */
    public Map<TemplateKey, String> inForce(NetworkId network, Instant at) {
        Map<TemplateKey, String> texts = new LinkedHashMap<>();
        jdbc.sql("""
                        select distinct on (kind, language, channel) kind, language, channel, body
                          from message_template_revision
                         where network_id = :network and changed_at <= :at
                         order by kind, language, channel, changed_at desc, id desc
                        """)
                .param("network", network.value()).param("at", Timestamp.from(at))
                .query((rs, row) -> {
                    String body = rs.getString("body");
                    if (body != null) {
                        texts.put(new TemplateKey(AlertKind.valueOf(rs.getString("kind")),
                                Language.of(rs.getString("language")), Channel.valueOf(rs.getString("channel"))), body);
                    }
                    return null;
                })
                .list();
        return texts;
    }

    /** Records a network's own text for a key, or with an empty body a return to the built-in one. */
    public void record(NetworkId network, TemplateKey key, Optional<String> body, Instant at, String actor) {
        jdbc.sql("""
                        insert into message_template_revision (network_id, kind, language, channel, body, changed_at, changed_by)
                        values (:network, :kind, :language, :channel, :body, :at, :actor)
                        """)
                .param("network", network.value()).param("kind", key.kind().name())
                .param("language", key.language().tag()).param("channel", key.channel().name())
                .param("body", body.orElse(null)).param("at", Timestamp.from(at)).param("actor", actor)
                .update();
    }
}
