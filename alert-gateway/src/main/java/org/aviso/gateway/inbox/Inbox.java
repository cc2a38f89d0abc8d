package org.aviso.gateway.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What families wrote, newest first, and the one answer each may get. The answer goes to the person on the channel
 * they wrote from, through the outbox; the {@code inbox_answer} row, keyed by the message, makes a second answer
 * impossible even when two dispatchers press Send at the same moment.
 */
@Component
public class Inbox {

    static final FieldRef BODY = FieldRef.of("inbound_message", "body_ct");
    public static final int MAX_ANSWER = 600;
    static final int SHOWN = 100;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final DirectMessages direct;
    private final AuditLog audit;
    private final Clock clock;

    Inbox(JdbcClient jdbc, FieldCipher cipher, DirectMessages direct, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.direct = direct;
        this.audit = audit;
        this.clock = clock;
    }

    /** A message as the console shows it: the family's words, never their number. */
    public record Item(UUID id, Optional<UUID> person, Optional<UUID> site, String language, Channel channel,
            String text, Instant receivedAt, Optional<UUID> answeredBy, Optional<Instant> answeredAt) {

        public boolean answered() {
            return answeredAt.isPresent();
        }
    }

    @Transactional(readOnly = true)
    public List<Item> recent(NetworkId network) {
        return jdbc.sql("""
                        select i.id, i.person_id, p.site_id, p.language, i.channel, i.body_ct, i.received_at,
                               a.answered_by, a.answered_at
                          from inbound_message i left join person p on p.id = i.person_id
                          left join inbox_answer a on a.inbound_id = i.id
                         where i.network_id = :network and i.interpreted = :free
                         order by (a.answered_at is null) desc, i.received_at desc, i.id
                         limit :limit
                        """)
                .param("network", network.value()).param("free", InboxRoute.INTERPRETATION).param("limit", SHOWN)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Timestamp answeredAt = rs.getTimestamp("answered_at");
                    return new Item(id, Optional.ofNullable(rs.getObject("person_id", UUID.class)),
                            Optional.ofNullable(rs.getObject("site_id", UUID.class)),
                            Optional.ofNullable(rs.getString("language")).orElse(""),
                            Channel.valueOf(rs.getString("channel")), cipher.decrypt(BODY, id, rs.getBytes("body_ct")),
                            rs.getTimestamp("received_at").toInstant(),
                            Optional.ofNullable(rs.getObject("answered_by", UUID.class)),
                            Optional.ofNullable(answeredAt).map(Timestamp::toInstant));
                })
                .list();
    }

    /** Why an answer was not sent. */
    public static final class Refused extends RuntimeException {
        private final String reason;

        Refused(String reason) {
            super(reason);
            this.reason = reason;
        }

        /** A message key, for the dispatcher's language. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Sends the dispatcher's answer once, on the channel the family wrote from.
     *
     * @throws Refused (message key) for an empty or too long answer, a message already answered, or a person who has
     *                 since left
     */
    @Transactional
    public UUID answer(AvisoPrincipal dispatcher, UUID inboundId, String text) {
        String answer = text == null ? "" : text.strip();
        if (answer.isEmpty()) {
            throw new Refused("inbox.error.empty");
        }
        if (answer.length() > MAX_ANSWER) {
            throw new Refused("inbox.error.long");
        }
        record Row(UUID personId, String channel, String language) {
        }
        Row row = jdbc.sql("""
                        select i.person_id, i.channel, p.language from inbound_message i
                          left join person p on p.id = i.person_id
                         where i.id = :id and i.network_id = :network and i.interpreted = :free
                           for update of i
                        """)
                .param("id", inboundId).param("network", dispatcher.networkId())
                .param("free", InboxRoute.INTERPRETATION)
                .query(Row.class).optional().orElseThrow(NotInNetworkException::new);
        if (row.personId() == null || row.language() == null) {
            throw new Refused("inbox.error.gone");
        }
        boolean answered = jdbc.sql("select count(*) from inbox_answer where inbound_id = :id").param("id", inboundId)
                .query(Long.class).single() > 0;
        if (answered) {
            throw new Refused("inbox.error.answered");
        }
        Map<Language, String> texts = new LinkedHashMap<>();
        texts.put(Language.ENGLISH, answer);
        texts.put(Language.of(row.language()), answer);
        Channel channel = Channel.valueOf(row.channel());
        UUID message = direct.send(new DirectMessage(new NetworkId(dispatcher.networkId()),
                DirectMessage.Purpose.INBOX_ANSWER, "inbound:" + inboundId, Optional.of(dispatcher.id()), texts,
                List.of(new PersonId(row.personId())),
                channel == Channel.SMS ? ChannelPolicy.SMS_ONLY : ChannelPolicy.SIGNAL_ONLY));
        int written = jdbc.sql("""
                        insert into inbox_answer (inbound_id, network_id, answered_by, answered_at, message_id)
                        values (:id, :network, :by, :now, :message) on conflict (inbound_id) do nothing
                        """)
                .param("id", inboundId).param("network", dispatcher.networkId()).param("by", dispatcher.id())
                .param("now", Timestamp.from(clock.instant())).param("message", message).update();
        if (written == 0) {
            // another dispatcher's answer won the race: this transaction, and the message it wrote, roll back
            throw new Refused("inbox.error.answered");
        }
        audit.record(dispatcher.networkId(), dispatcher.actor(), AuditAction.INBOX_ANSWERED, "inbound:" + inboundId,
                "channel=" + channel.name());
        return message;
    }
}
