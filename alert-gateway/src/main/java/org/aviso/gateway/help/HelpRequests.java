package org.aviso.gateway.help;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Help requests: AYUDA (or HELP) from someone an alert reached in the last day. Opening one pages the site's
 * mutual-aid contacts (the network's dispatchers when the site has none, so a request never goes nowhere) through
 * the outbox; it shows on the console until a dispatcher takes it. A second AYUDA to the same alert opens nothing new
 * and pages nobody again.
 */
@Component
public class HelpRequests {

    /** AYUDA counts as an answer to an alert that reached the person this recently. */
    static final Duration AFTER_ALERT = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final AlertStore alerts;
    private final DirectMessages direct;
    private final AuditLog audit;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final Clock clock;

    HelpRequests(JdbcClient jdbc, TreeStore tree, AlertStore alerts, DirectMessages direct, AuditLog audit,
            MessageSource messages, PublicUrls urls, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.alerts = alerts;
        this.direct = direct;
        this.audit = audit;
        this.messages = messages;
        this.urls = urls;
        this.clock = clock;
    }

    /** What opening did: nothing (no recent alert), a new request, or the one already open for that alert. */
    public enum Opened { NO_RECENT_ALERT, OPENED, ALREADY_OPEN }

    /**
     * Opens a help request if an alert (not an advisory) reached this person in the last day. Joins the caller's
     * transaction; the pages leave once it commits.
     */
    @Transactional
    public Opened openIfAfterAlert(PersonDetails person, UUID inboundId, Channel channel) {
        record Track(UUID alertId, UUID groupId) {
        }
        Instant now = clock.instant();
        Optional<Track> track = jdbc.sql("""
                        select t.alert_id, t.group_id from recipient_track t join alert a on a.id = t.alert_id
                         where t.person_id = :person and t.alert_id is not null and t.cancelled_at is null
                           and t.started_at > :since and a.kind <> 'ADVISORY'
                         order by t.started_at desc, t.id desc limit 1
                        """)
                .param("person", person.person().id().value())
                .param("since", Timestamp.from(now.minus(AFTER_ALERT)))
                .query(Track.class).optional();
        if (track.isEmpty()) {
            return Opened.NO_RECENT_ALERT;
        }
        NetworkId network = person.person().network();
        boolean open = jdbc.sql("""
                        select count(*) from help_request
                         where alert_id = :alert and person_id = :person and taken_at is null
                        """)
                .param("alert", track.get().alertId()).param("person", person.person().id().value())
                .query(Long.class).single() > 0;
        if (open) {
            return Opened.ALREADY_OPEN;
        }
        List<PersonDetails> contacts = person.site().map(site -> tree.mutualAidContacts(network, site))
                .filter(list -> !list.isEmpty()).orElseGet(() -> tree.dispatchersAndCoordinators(network));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into help_request (id, network_id, inbound_id, alert_id, person_id, site_id, group_id,
                                                  channel, opened_at, paged)
                        values (:id, :network, :inbound, :alert, :person, :site, :group, :channel, :now, :paged)
                        """)
                .param("id", id).param("network", network.value()).param("inbound", inboundId)
                .param("alert", track.get().alertId()).param("person", person.person().id().value())
                .param("site", person.site().map(s -> s.value()).orElse(null))
                .param("group", track.get().groupId()).param("channel", channel.name())
                .param("now", Timestamp.from(now)).param("paged", contacts.size())
                .update();
        if (!contacts.isEmpty()) {
            AlertStore.StoredAlert alert = alerts.find(network, new AlertId(track.get().alertId())).orElseThrow();
            String site = person.site().flatMap(s -> tree.site(network, s)).map(s -> s.name()).orElse("");
            String group = Optional.ofNullable(track.get().groupId())
                    .flatMap(g -> tree.group(network, new org.aviso.core.common.GroupId(g))).map(g -> g.name())
                    .orElse("");
            Map<Language, String> texts = new LinkedHashMap<>();
            for (Language language : List.of(Language.ENGLISH, Language.SPANISH)) {
                texts.put(language, page(language, alert, site, group, person.person().language()));
            }
            direct.send(DirectMessage.of(network, DirectMessage.Purpose.HELP_REQUEST, "help:" + id, texts,
                    contacts.stream().map(c -> c.person().id()).toList()));
        }
        return Opened.OPENED;
    }

    private String page(Language language, AlertStore.StoredAlert alert, String site, String group,
            Language familyLanguage) {
        Locale locale = Locale.forLanguageTag(language.tag());
        String text = messages.getMessage("help.page", new Object[] {site, group,
                familyLanguage.tag(), alert.alert().code().display(), urls.path("/console/help")}, locale);
        return alert.alert().exercise() || alert.alert().kind() == AlertKind.DRILL
                ? messages.getMessage("help.page.drill", null, locale) + " " + text : text;
    }

    /** A help request as the console shows it: no number, no name, no text. */
    public record Request(UUID id, UUID alertId, String alertCode, Optional<UUID> site, Optional<UUID> group,
            String language, Channel channel, Instant openedAt, int paged, Optional<UUID> takenBy,
            Optional<Instant> takenAt) {
    }

    /** The requests nobody has taken yet, oldest first. */
    @Transactional(readOnly = true)
    public List<Request> open(NetworkId network) {
        return jdbc.sql(SELECT + " where h.network_id = :network and h.taken_at is null order by h.opened_at, h.id")
                .param("network", network.value()).query((rs, n) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public List<Request> forAlert(NetworkId network, AlertId alert) {
        return jdbc.sql(SELECT + " where h.network_id = :network and h.alert_id = :alert order by h.opened_at, h.id")
                .param("network", network.value()).param("alert", alert.value()).query((rs, n) -> map(rs)).list();
    }

    /** Takes a request; false when someone else already did (or it is not in this dispatcher's network). */
    @Transactional
    public boolean take(AvisoPrincipal dispatcher, UUID id) {
        int taken = jdbc.sql("""
                        update help_request set taken_by = :by, taken_at = :now
                         where id = :id and network_id = :network and taken_at is null
                        """)
                .param("by", dispatcher.id()).param("now", Timestamp.from(clock.instant())).param("id", id)
                .param("network", dispatcher.networkId()).update();
        if (taken == 0) {
            boolean exists = jdbc.sql("select count(*) from help_request where id = :id and network_id = :network")
                    .param("id", id).param("network", dispatcher.networkId()).query(Long.class).single() > 0;
            if (!exists) {
                throw new NotInNetworkException();
            }
            return false;
        }
        audit.record(dispatcher.networkId(), dispatcher.actor(), AuditAction.HELP_REQUEST_TAKEN, "help:" + id, "");
        return true;
    }

    private static final String SELECT = """
            select h.id, h.alert_id, a.code, h.site_id, h.group_id, p.language, h.channel, h.opened_at, h.paged,
                   h.taken_by, h.taken_at
              from help_request h join alert a on a.id = h.alert_id left join person p on p.id = h.person_id
            """;

    private static Request map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp takenAt = rs.getTimestamp("taken_at");
        return new Request(rs.getObject("id", UUID.class), rs.getObject("alert_id", UUID.class),
                org.aviso.core.common.ShortCode.parse(rs.getString("code")).display(),
                Optional.ofNullable(rs.getObject("site_id", UUID.class)),
                Optional.ofNullable(rs.getObject("group_id", UUID.class)),
                Optional.ofNullable(rs.getString("language")).orElse(""), Channel.valueOf(rs.getString("channel")),
                rs.getTimestamp("opened_at").toInstant(), rs.getInt("paged"),
                Optional.ofNullable(rs.getObject("taken_by", UUID.class)),
                Optional.ofNullable(takenAt).map(Timestamp::toInstant));
    }
}
