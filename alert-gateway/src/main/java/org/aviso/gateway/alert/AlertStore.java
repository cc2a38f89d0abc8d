package org.aviso.gateway.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.render.RenderedMessage;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Alerts, their approvals and their rendered (encrypted) messages. */
@Repository
public class AlertStore {

    static final FieldRef INSTRUCTIONS = FieldRef.of("alert", "instructions_ct");
    static final FieldRef STEPS = FieldRef.of("alert", "steps_ct");
    static final FieldRef FREE_TEXTS = FieldRef.of("alert", "free_texts_ct");
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    public static final FieldRef BODY = FieldRef.of("alert_message", "body_ct");

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    public AlertStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public enum Status { AWAITING_APPROVAL, SENDING, SENT, CANCELLED, WITHDRAWN, REJECTED }

    static final FieldRef REJECTION_REASON = FieldRef.of("alert_rejection", "reason_ct");

    /** An alert with what the gateway keeps beside the domain record. */
    public record StoredAlert(Alert alert, Optional<SiteId> site, Set<GroupId> groups, String instructions,
            Status status, byte[] signature, Optional<Instant> sentAt, Optional<Instant> cancelledAt,
            ChosenSteps steps, LanguagePlan plan) {

        public StoredAlert(Alert alert, Optional<SiteId> site, Set<GroupId> groups, String instructions,
                Status status, byte[] signature, Optional<Instant> sentAt, Optional<Instant> cancelledAt,
                ChosenSteps steps) {
            this(alert, site, groups, instructions, status, signature, sentAt, cancelledAt, steps, LanguagePlan.none());
        }
    }

    public void insert(Alert alert, Optional<SiteId> site, Set<GroupId> groups, String instructions, byte[] signature,
            Status status) {
        insert(alert, site, groups, instructions, ChosenSteps.none(), signature, status);
    }

    public void insert(Alert alert, Optional<SiteId> site, Set<GroupId> groups, String instructions,
            ChosenSteps steps, byte[] signature, Status status) {
        insert(alert, site, groups, instructions, steps, LanguagePlan.none(), signature, status);
    }

    /** With the dispatcher's text per language (encrypted) and the choices for languages without one (plain). */
    public void insert(Alert alert, Optional<SiteId> site, Set<GroupId> groups, String instructions,
            ChosenSteps steps, LanguagePlan plan, byte[] signature, Status status) {
        UUID id = alert.id().value();
        jdbc.sql("""
                        insert into alert (id, version, network_id, incident_id, site_id, kind, refers_to, exercise, status,
                                           code, signature, sender_person_id, audience_groups, instructions_ct,
                                           steps_ct, free_texts_ct, language_choices, created_at, expires_at)
                        values (:id, 1, :network, :incident, :site, :kind, :refersTo, :exercise, :status, :code,
                                :signature, :sender, :groups, :instructions, :steps, :freeTexts,
                                cast(:choices as jsonb), :created, :expires)
                        """)
                .param("id", id)
                .param("network", alert.network().value())
                .param("incident", alert.incident().map(IncidentId::value).orElse(null))
                .param("site", site.map(SiteId::value).orElse(null))
                .param("kind", alert.kind().name())
                .param("refersTo", alert.refersTo().map(AlertId::value).orElse(null))
                .param("exercise", alert.exercise())
                .param("status", status.name())
                .param("code", alert.code().value())
                .param("signature", signature)
                .param("sender", alert.sender().value())
                .param("groups", groups.stream().map(g -> g.value().toString()).collect(Collectors.joining(",")))
                .param("instructions", instructions.isEmpty() ? null
                        : cipher.encrypt(alert.network().value(), INSTRUCTIONS, id, instructions))
                .param("steps", steps.isEmpty() ? null
                        : cipher.encrypt(alert.network().value(), STEPS, id, JSON.writeValueAsString(steps)))
                .param("freeTexts", plan.isEmpty() ? null
                        : cipher.encrypt(alert.network().value(), FREE_TEXTS, id, JSON.writeValueAsString(plan.texts())))
                .param("choices", plan.choices().isEmpty() ? null : JSON.writeValueAsString(plan.choiceValues()))
                // the signature covers the creation time truncated to microseconds: store exactly that, not the
                // JDBC driver's rounding of a real clock's nanoseconds, or the public check calls the alert forged
                .param("created", Timestamp.from(alert.createdAt().truncatedTo(ChronoUnit.MICROS)))
                .param("expires", Timestamp.from(alert.expiresAt()))
                .update();
    }

    public void setStatus(AlertId id, Status status, Instant at) {
        jdbc.sql("""
                        update alert set status = :status, version = version + 1,
                               sent_at = case when :status = 'SENT' then coalesce(sent_at, :at) else sent_at end,
                               cancelled_at = case when :status = 'CANCELLED' then coalesce(cancelled_at, :at) else cancelled_at end
                         where id = :id
                        """)
                .param("status", status.name()).param("at", Timestamp.from(at)).param("id", id.value())
                .update();
    }

    public Optional<StoredAlert> find(NetworkId network, AlertId id) {
        return jdbc.sql("select * from alert where network_id = :network and id = :id")
                .param("network", network.value()).param("id", id.value())
                .query((rs, n) -> map(rs)).optional();
    }

    /** The alert, its row locked until the caller's transaction ends (approvals and rejections queue up). */
    public Optional<StoredAlert> findLocked(NetworkId network, AlertId id) {
        return jdbc.sql("select * from alert where network_id = :network and id = :id for update")
                .param("network", network.value()).param("id", id.value())
                .query((rs, n) -> map(rs)).optional();
    }

    /** Any network: the public check looks an alert up by its code alone. */
    public Optional<StoredAlert> findByCode(ShortCode code) {
        return jdbc.sql("select * from alert where code = :code")
                .param("code", code.value())
                .query((rs, n) -> map(rs)).optional();
    }

    public List<StoredAlert> followUpsOf(AlertId original) {
        return jdbc.sql("select * from alert where refers_to = :id order by created_at")
                .param("id", original.value())
                .query((rs, n) -> map(rs)).list();
    }

    public List<StoredAlert> recent(NetworkId network, int limit) {
        return jdbc.sql("select * from alert where network_id = :network order by created_at desc limit :limit")
                .param("network", network.value()).param("limit", limit)
                .query((rs, n) -> map(rs)).list();
    }

    public List<StoredAlert> forIncident(IncidentId incident) {
        return jdbc.sql("select * from alert where incident_id = :incident order by created_at")
                .param("incident", incident.value())
                .query((rs, n) -> map(rs)).list();
    }

    private StoredAlert map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID refersTo = rs.getObject("refers_to", UUID.class);
        UUID incident = rs.getObject("incident_id", UUID.class);
        UUID site = rs.getObject("site_id", UUID.class);
        Alert alert = new Alert(new AlertId(id), new NetworkId(rs.getObject("network_id", UUID.class)),
                Optional.ofNullable(incident).map(IncidentId::new), AlertKind.valueOf(rs.getString("kind")),
                Optional.ofNullable(refersTo).map(AlertId::new), rs.getBoolean("exercise"),
                new PersonId(rs.getObject("sender_person_id", UUID.class)), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), ShortCode.parse(rs.getString("code")));
        String groups = rs.getString("audience_groups");
        Set<GroupId> groupIds = groups.isBlank() ? Set.of() : Arrays.stream(groups.split(","))
                .map(GroupId::of).collect(Collectors.toCollection(LinkedHashSet::new));
        String instructions = cipher.decrypt(INSTRUCTIONS, id, rs.getBytes("instructions_ct"));
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new StoredAlert(alert, Optional.ofNullable(site).map(SiteId::new), groupIds,
                instructions == null ? "" : instructions, Status.valueOf(rs.getString("status")),
                rs.getBytes("signature"), Optional.ofNullable(sent).map(Timestamp::toInstant),
                Optional.ofNullable(cancelled).map(Timestamp::toInstant), steps(id, rs.getBytes("steps_ct")),
                plan(id, rs.getBytes("free_texts_ct"), rs.getString("language_choices")));
    }

    private LanguagePlan plan(UUID id, byte[] texts, String choices) {
        String json = cipher.decrypt(FREE_TEXTS, id, texts);
        Map<String, String> byLanguage = json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
        Map<String, String> chosen = choices == null ? Map.of() : JSON.readValue(choices, STRING_MAP);
        return LanguagePlan.stored(byLanguage, chosen);
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, String>> STRING_MAP =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private ChosenSteps steps(UUID id, byte[] stored) {
        String json = cipher.decrypt(STEPS, id, stored);
        return json == null ? ChosenSteps.none() : JSON.readValue(json, ChosenSteps.class);
    }

    // ---- approvals

    public boolean addApproval(AlertId alert, PersonId person, Instant at) {
        return jdbc.sql("""
                        insert into alert_approval (alert_id, person_id, approved_at) values (:alert, :person, :at)
                        on conflict do nothing
                        """)
                .param("alert", alert.value()).param("person", person.value()).param("at", Timestamp.from(at))
                .update() == 1;
    }

    public List<PersonId> approvals(AlertId alert) {
        return jdbc.sql("select person_id from alert_approval where alert_id = :alert order by approved_at")
                .param("alert", alert.value())
                .query((rs, n) -> new PersonId(rs.getObject(1, UUID.class))).list();
    }

    // ---- rejections

    /** Who turned the alert down, why (encrypted: it is a person's words) and when. */
    public record Rejection(PersonId by, String reason, Instant at) {

        @Override
        public String toString() {
            return "Rejection[" + by + ", " + at + ", reason hidden]";
        }
    }

    public void reject(Alert alert, PersonId by, String reason, Instant at) {
        UUID id = alert.id().value();
        jdbc.sql("""
                        insert into alert_rejection (alert_id, person_id, reason_ct, rejected_at)
                        values (:alert, :person, :reason, :at)
                        """)
                .param("alert", id).param("person", by.value())
                .param("reason", cipher.encrypt(alert.network().value(), REJECTION_REASON, id, reason))
                .param("at", Timestamp.from(at))
                .update();
        setStatus(alert.id(), Status.REJECTED, at);
    }

    public Optional<Rejection> rejection(AlertId alert) {
        return jdbc.sql("select person_id, reason_ct, rejected_at from alert_rejection where alert_id = :alert")
                .param("alert", alert.value())
                .query((rs, n) -> new Rejection(new PersonId(rs.getObject(1, UUID.class)),
                        cipher.decrypt(REJECTION_REASON, alert.value(), rs.getBytes(2)), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    // ---- rendered messages

    public void saveMessage(AlertId alert, NetworkId network, RenderedMessage message, Channel channel) {
        String rowId = alert.value() + "/" + message.language().tag() + "/" + channel;
        jdbc.sql("""
                        insert into alert_message (alert_id, language, channel, body_ct, segments)
                        values (:alert, :language, :channel, :body, :segments)
                        on conflict do nothing
                        """)
                .param("alert", alert.value()).param("language", message.language().tag())
                .param("channel", channel.name())
                .param("body", cipher.encrypt(network.value(), BODY, rowId, message.text()))
                .param("segments", message.segments().segments())
                .update();
    }

    public record StoredMessage(String language, Channel channel, String text, int segments) {
    }

    public List<StoredMessage> messages(AlertId alert) {
        return jdbc.sql("select language, channel, body_ct, segments from alert_message where alert_id = :alert order by language, channel")
                .param("alert", alert.value())
                .query((rs, n) -> {
                    Channel channel = Channel.valueOf(rs.getString("channel"));
                    String language = rs.getString("language");
                    return new StoredMessage(language, channel, cipher.decrypt(BODY,
                            alert.value() + "/" + language + "/" + channel, rs.getBytes("body_ct")), rs.getInt("segments"));
                })
                .list();
    }
}
