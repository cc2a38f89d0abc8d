package org.aviso.gateway.notify.simulated;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every message the simulated channels "sent" or "received", encrypted like any message body. */
@Component
@Conditional(SimulatedChannelCondition.Any.class)
public class DemoInbox {

    static final FieldRef BODY = FieldRef.of("demo_message", "body_ct");

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final Clock clock;

    DemoInbox(JdbcClient jdbc, FieldCipher cipher, BlindIndex blindIndex, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.clock = clock;
    }

    /** Who a simulated number belongs to. */
    record Holder(UUID personId, UUID networkId, String roles, String language, String signalStatus) {
    }

    Optional<Holder> holder(PhoneNumber phone) {
        return jdbc.sql("select id, network_id, roles, language, signal_status from person where phone_index = :index limit 1")
                .param("index", blindIndex.phone(phone.e164()))
                .query((rs, n) -> new Holder(rs.getObject("id", UUID.class), rs.getObject("network_id", UUID.class),
                        rs.getString("roles"), rs.getString("language"), rs.getString("signal_status")))
                .optional();
    }

    long record(Holder holder, Channel channel, String direction, String body, String status, String providerRef) {
        Long id = jdbc.sql("""
                        insert into demo_message (network_id, person_id, channel, direction, body_ct, status, provider_ref, created_at)
                        values (:network, :person, :channel, :direction, '\\x00', :status, :ref, :now)
                        returning id
                        """)
                .param("network", holder.networkId()).param("person", holder.personId())
                .param("channel", channel.name()).param("direction", direction).param("status", status)
                .param("ref", providerRef).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        jdbc.sql("update demo_message set body_ct = :body where id = :id")
                .param("body", cipher.encrypt(holder.networkId(), BODY, id, body)).param("id", id).update();
        return id;
    }

    /** The provider ref of an outgoing message to {@code holder} on {@code channel} with this body, since then. */
    Optional<String> sent(Holder holder, Channel channel, String body, Instant since) {
        List<Long> ids = new java.util.ArrayList<>();
        List<String> refs = new java.util.ArrayList<>();
        List<byte[]> bodies = new java.util.ArrayList<>();
        jdbc.sql("""
                        select id, provider_ref, body_ct from demo_message
                         where person_id = :person and channel = :channel and direction = 'OUT' and created_at >= :since
                         order by id desc limit 50
                        """)
                .param("person", holder.personId()).param("channel", channel.name())
                .param("since", Timestamp.from(since))
                .query(rs -> {
                    ids.add(rs.getLong(1));
                    refs.add(rs.getString(2));
                    bodies.add(rs.getBytes(3));
                });
        for (int i = 0; i < ids.size(); i++) {
            if (body.equals(cipher.decrypt(BODY, ids.get(i), bodies.get(i)))) {
                return Optional.ofNullable(refs.get(i));
            }
        }
        return Optional.empty();
    }

    void status(String providerRef, String status) {
        jdbc.sql("update demo_message set status = :status where provider_ref = :ref")
                .param("status", status).param("ref", providerRef).update();
    }

    /** A line of the demo inbox page. */
    public record Entry(long id, UUID personId, Channel channel, String direction, String body, String status,
            Instant at) {
    }

    public List<Entry> recent(UUID network, int limit) {
        return jdbc.sql("""
                        select id, person_id, channel, direction, body_ct, status, created_at from demo_message
                         where network_id = :network order by created_at desc, id desc limit :limit
                        """)
                .param("network", network).param("limit", limit)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new Entry(id, rs.getObject("person_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                            rs.getString("direction"), cipher.decrypt(BODY, id, rs.getBytes("body_ct")),
                            rs.getString("status"), rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }

    static String phoneOf(TreeStore tree, UUID network, UUID person) {
        return tree.person(new org.aviso.core.common.NetworkId(network), new org.aviso.core.common.PersonId(person))
                .map(p -> p.person().contact().phone().e164()).orElseThrow();
    }
}
