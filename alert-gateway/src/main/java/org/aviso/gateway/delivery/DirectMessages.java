package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.RecipientState;
import org.aviso.core.render.SmsSegments;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends {@link DirectMessage}s: short texts to named people outside an alert or a page (an answer from the
 * console, a request for approval, a page to mutual-aid contacts, a notice about an account, a test message).
 *
 * <p>{@link #send} joins the caller's transaction and only writes: the message, its texts (encrypted) and one
 * recipient track per person. Nothing leaves before that transaction commits; then the recipient tracker and the
 * channel workers take it from there exactly as for an alert: Signal first when the person is (or may be) on
 * Signal, SMS when Signal cannot carry it or no receipt comes in time, at most one message per channel and person,
 * and every outcome recorded. Callers never write the outbox themselves.
 */
@Component
public class DirectMessages {

    static final FieldRef BODY = FieldRef.of("direct_message_body", "body_ct");

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Clock clock;
    private final WorkBell bell;

    DirectMessages(JdbcClient jdbc, FieldCipher cipher, Clock clock, WorkBell bell) {
        this.bell = bell;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Writes the message for sending once the caller's transaction commits. People who are not in the message's
     * network are left out. Returns the message's id, to follow it with {@link #outcomes}.
     */
    @Transactional
    public UUID send(DirectMessage message) {
        UUID id = UUID.randomUUID();
        UUID network = message.network().value();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into direct_message (id, network_id, purpose, about, sent_by, created_at)
                        values (:id, :network, :purpose, :about, :sentBy, :now)
                        """)
                .param("id", id).param("network", network).param("purpose", message.purpose().name())
                .param("about", message.about()).param("sentBy", message.sentBy().orElse(null))
                .param("now", Timestamp.from(now))
                .update();
        for (Map.Entry<Language, String> text : message.texts().entrySet()) {
            for (Channel channel : channels(message.route())) {
                String language = text.getKey().tag();
                int segments = channel == Channel.SMS ? SmsSegments.count(text.getValue()).segments() : 1;
                jdbc.sql("""
                                insert into direct_message_body (message_id, language, channel, body_ct, segments)
                                values (:id, :language, :channel, :body, :segments)
                                """)
                        .param("id", id).param("language", language).param("channel", channel.name())
                        .param("body", cipher.encrypt(network, BODY, MessageBodies.rowId(id, language, channel),
                                text.getValue()))
                        .param("segments", segments)
                        .update();
            }
        }
        // the tracker makes the first decision (Signal or SMS) as soon as this commits
        jdbc.sql("""
                        insert into recipient_track (network_id, message_id, person_id, tier, priority, language,
                                                     channel_policy, started_at, next_check_at)
                        select p.network_id, :id, p.id, :tier, :priority,
                               case when p.language = any(:languages) then p.language else 'en' end,
                               :route, :now, :now
                          from person p
                         where p.network_id = :network and p.id = any(:people)
                        """)
                .param("id", id).param("tier", message.purpose().tier().name())
                .param("priority", message.purpose().tier().priority() * 10)
                .param("languages", message.texts().keySet().stream().map(Language::tag).toArray(String[]::new))
                .param("route", message.route().name()).param("now", Timestamp.from(now)).param("network", network)
                .param("people", message.people().stream().map(PersonId::value).toArray(UUID[]::new))
                .update();
        bell.tracksDue();
        return id;
    }

    private static List<Channel> channels(ChannelPolicy route) {
        return switch (route) {
            case SIGNAL_ONLY -> List.of(Channel.SIGNAL);
            case SMS_ONLY -> List.of(Channel.SMS);
            default -> List.of(Channel.SIGNAL, Channel.SMS);
        };
    }

    /**
     * What became of a message, per person: the recipient's state as the planner last decided it, and the state
     * of each channel it used ({@code QUEUED}, {@code SENDING}, {@code SENT}, {@code DELIVERED}, {@code READ},
     * {@code FAILED}, {@code UNKNOWN}, {@code CANCELLED}).
     */
    public record Outcome(PersonId person, RecipientState state, Map<Channel, String> channels) {

        /** A provider took it, on some channel (it may not have arrived yet). */
        public boolean sent() {
            return channels.values().stream().anyMatch(s -> s.equals("SENT") || s.equals("DELIVERED") || s.equals("READ"));
        }

        /** The person's phone confirmed it arrived. */
        public boolean arrived() {
            return channels.values().stream().anyMatch(s -> s.equals("DELIVERED") || s.equals("READ"));
        }

        /** The channel it arrived or was sent on, preferring one that confirmed arrival. */
        public Optional<Channel> reachedBy() {
            return channels.entrySet().stream()
                    .filter(e -> e.getValue().equals("DELIVERED") || e.getValue().equals("READ")).map(Map.Entry::getKey)
                    .findFirst()
                    .or(() -> channels.entrySet().stream().filter(e -> e.getValue().equals("SENT"))
                            .map(Map.Entry::getKey).findFirst());
        }
    }

    /** One line per person the message was written for, in no particular order. */
    @Transactional(readOnly = true)
    public List<Outcome> outcomes(UUID messageId) {
        Map<UUID, Map<Channel, String>> byPerson = new java.util.LinkedHashMap<>();
        Map<UUID, RecipientState> states = new java.util.LinkedHashMap<>();
        jdbc.sql("select id, person_id, state from recipient_track where message_id = :id order by id")
                .param("id", messageId)
                .query(rs -> {
                    UUID person = rs.getObject("person_id", UUID.class);
                    states.put(person, RecipientState.valueOf(rs.getString("state")));
                    byPerson.put(person, new EnumMap<>(Channel.class));
                });
        jdbc.sql("select person_id, channel, status from delivery where message_id = :id")
                .param("id", messageId)
                .query(rs -> {
                    byPerson.computeIfAbsent(rs.getObject("person_id", UUID.class), k -> new EnumMap<>(Channel.class))
                            .put(Channel.valueOf(rs.getString("channel")), rs.getString("status"));
                });
        List<Outcome> outcomes = new ArrayList<>();
        states.forEach((person, state) -> outcomes.add(
                new Outcome(new PersonId(person), state, Map.copyOf(byPerson.get(person)))));
        return outcomes;
    }

    /** The messages about something ({@link DirectMessage#about()}), oldest first. */
    @Transactional(readOnly = true)
    public List<UUID> about(NetworkId network, String about) {
        return jdbc.sql("select id from direct_message where network_id = :n and about = :about order by created_at, id")
                .param("n", network.value()).param("about", about)
                .query(UUID.class).list();
    }

    /**
     * Stops what has not left yet (a request for approval once the alert is approved, say). What a provider already
     * took cannot be taken back.
     */
    @Transactional
    public void cancel(UUID messageId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        update recipient_track set cancelled_at = coalesce(cancelled_at, :now), next_check_at = :now
                         where message_id = :id and cancelled_at is null
                        """)
                .param("now", now).param("id", messageId).update();
        jdbc.sql("""
                        update delivery set status = 'CANCELLED', failure_reason = 'CANCELLED'
                         where message_id = :id and status = 'QUEUED'
                        """)
                .param("id", messageId).update();
        bell.tracksDue();
    }
}
