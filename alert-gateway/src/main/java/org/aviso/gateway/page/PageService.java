package org.aviso.gateway.page;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.EscalationId;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.EscalationDecisions;
import org.aviso.core.escalation.EscalationEngine;
import org.aviso.core.escalation.EscalationEvent;
import org.aviso.core.escalation.EscalationSnapshot;
import org.aviso.core.escalation.NotifyDecision;
import org.aviso.core.render.SmsSegments;
import org.aviso.core.report.Report;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.delivery.OutboxChanges;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages dispatchers about a new report, from a snapshot frozen when the report arrives. Each tick locks the
 * escalation row, asks {@link EscalationEngine} what is due, writes the recipient tracks (which the delivery
 * pipeline then sends, Signal first) and records the step as notified, all in one transaction; a stale or
 * duplicate tick finds nothing due and does nothing.
 */
@Service
public class PageService implements DeliveryEngine.Tickable {

    private final OutboxChanges outbox;

    static final FieldRef PAGE_BODY = FieldRef.of("page_message", "body_ct");
    private static final int PAGE_PRIORITY = 0;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TreeStore tree;
    private final PagePolicyStore policies;
    private final FieldCipher cipher;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PageService(JdbcClient jdbc, JdbcTemplate template, TreeStore tree, PagePolicyStore policies,
            FieldCipher cipher, MessageSource messages, PublicUrls urls, AuditLog audit,
            TransactionTemplate transactions, Clock clock, OutboxChanges outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.template = template;
        this.tree = tree;
        this.policies = policies;
        this.cipher = cipher;
        this.messages = messages;
        this.urls = urls;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Starts paging for a new report with the network's policy as it is now, in the caller's transaction (the
     * report and its page commit together).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EscalationId start(Report report, String siteName) {
        return start(report, siteName, false);
    }

    /**
     * Pages again about a report whose claim sat idle (no outcome for the network's set time): the same policy and
     * people as a new report, with a text that says the claim is idle. It stops like any page, when someone claims
     * the report (its holder again, or another dispatcher after the claim is released or broken) or it is resolved.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EscalationId startForIdleClaim(Report report, String siteName) {
        return start(report, siteName, true);
    }

    private EscalationId start(Report report, String siteName, boolean idleClaim) {
        NetworkId network = report.network();
        Map<String, List<UUID>> targets = new LinkedHashMap<>();
        List<PersonDetails> people = tree.dispatchersAndCoordinators(network);
        targets.put(PagePolicies.ON_CALL, ids(people, p -> p.person().hasRole(Role.DISPATCHER) && p.onCall()));
        targets.put(PagePolicies.BACKUPS, ids(people, p -> p.person().hasRole(Role.DISPATCHER) && !p.onCall()));
        targets.put(PagePolicies.COORDINATORS, ids(people, p -> p.person().hasRole(Role.COORDINATOR)));
        FrozenPage frozen = FrozenPage.of(policies.inForce(network).toPolicy(), targets);
        EscalationId id = EscalationId.random();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into escalation (id, network_id, subject, snapshot, started_at, next_tick_at, status)
                        values (:id, :network, :subject, :snapshot, :now, :now, 'RUNNING')
                        """)
                .param("id", id.value()).param("network", network.value())
                .param("subject", subject(report)).param("snapshot", frozen.toJson())
                .param("now", Timestamp.from(now))
                .update();
        for (Language language : List.of(Language.ENGLISH, Language.SPANISH)) {
            for (Channel channel : Channel.values()) {
                String text = idleClaim ? idleText(report, siteName, language, channel)
                        : pageText(report, siteName, language, channel);
                String rowId = id.value() + "/" + language.tag() + "/" + channel;
                jdbc.sql("""
                                insert into page_message (escalation_id, language, channel, body_ct, segments)
                                values (:id, :language, :channel, :body, :segments)
                                """)
                        .param("id", id.value()).param("language", language.tag()).param("channel", channel.name())
                        .param("body", cipher.encrypt(network.value(), PAGE_BODY, rowId, text))
                        .param("segments", SmsSegments.count(text).segments())
                        .update();
            }
        }
        audit.record(network.value(), "system", AuditAction.PAGE_STARTED, subject(report),
                "escalation=" + id.value() + " policy=" + frozen.policyName());
        return id;
    }

    private static List<UUID> ids(List<PersonDetails> people, java.util.function.Predicate<PersonDetails> filter) {
        return people.stream().filter(filter).map(p -> p.person().id().value()).toList();
    }

    static String subject(Report report) {
        return "report:" + report.id().value();
    }

    String pageText(Report report, String siteName, Language language, Channel channel) {
        Locale locale = Locale.forLanguageTag(language.tag());
        String summary = messages.getMessage("salute.size." + report.salute().size(), null, locale) + ", "
                + messages.getMessage("salute.activity." + report.salute().activity(), null, locale) + ", "
                + messages.getMessage("salute.location." + report.salute().location(), null, locale);
        String key = switch (report.trust()) {
            case ENROLLED_SITE_CONTACT -> "page.text";
            case UNENROLLED -> "page.text.lowTrust";
        };
        return messages.getMessage(key + (channel == Channel.SMS ? ".sms" : ""),
                new Object[] {siteName, summary, report.code().display(), urls.path("/console")}, locale);
    }

    String idleText(Report report, String siteName, Language language, Channel channel) {
        Locale locale = Locale.forLanguageTag(language.tag());
        return messages.getMessage("page.text.idleClaim" + (channel == Channel.SMS ? ".sms" : ""),
                new Object[] {siteName, report.code().display(), urls.path("/console")}, locale);
    }

    /**
     * Stops every page about these reports now, in the caller's transaction: their incident closed. Unlike
     * {@link #cancelled}, which lets the next tick stop the page, nothing still queued for them may leave once this
     * commits, not even in the moment before the next tick.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int stopNow(java.util.Collection<Report> reports, String reason) {
        if (reports.isEmpty()) {
            return 0;
        }
        String[] subjects = reports.stream().map(PageService::subject).toArray(String[]::new);
        Instant now = clock.instant();
        List<UUID> running = jdbc.sql("select id from escalation where subject = any(:subjects) and status = 'RUNNING' for update")
                .param("subjects", subjects).query(UUID.class).list();
        for (UUID escalation : running) {
            appendEvent(escalation, "CANCELLED", null, null, now);
            stop(escalation, reason, now);
        }
        return running.size();
    }

    private void stop(UUID id, String reason, Instant now) {
        jdbc.sql("""
                        update escalation set status = 'STOPPED', stopped_reason = :reason, next_tick_at = null,
                               fencing_token = fencing_token + 1 where id = :id
                        """)
                .param("reason", reason).param("id", id).update();
        outbox.stopPage(id, now);
    }

    /** Records a claim on the report: the page stops at its next tick. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claimed(Report report, PersonId by) {
        event(subject(report), "CLAIMED", null, by);
    }

    /** The report was resolved or withdrawn: stop paging and drop what is still queued. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancelled(Report report) {
        event(subject(report), "CANCELLED", null, null);
    }

    private void event(String subject, String kind, String stepKey, PersonId person) {
        Instant now = clock.instant();
        List<UUID> escalations = jdbc.sql("select id from escalation where subject = :subject and status = 'RUNNING' for update")
                .param("subject", subject).query(UUID.class).list();
        for (UUID escalation : escalations) {
            appendEvent(escalation, kind, stepKey, person == null ? null : person.value(), now);
            jdbc.sql("update escalation set next_tick_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", escalation).update();
        }
    }

    private void appendEvent(UUID escalation, String kind, String stepKey, UUID person, Instant at) {
        jdbc.sql("""
                        insert into escalation_event (escalation_id, seq, kind, step_key, person_id, at)
                        values (:id, (select coalesce(max(seq), 0) + 1 from escalation_event where escalation_id = :id),
                                :kind, :step, :person, :at)
                        """)
                .param("id", escalation).param("kind", kind).param("step", stepKey).param("person", person)
                .param("at", Timestamp.from(at))
                .update();
    }

    @Override
    public int tick() {
        Integer done = transactions.execute(status -> tickBatch(20));
        return done == null ? 0 : done;
    }

    private int tickBatch(int limit) {
        Instant now = clock.instant();
        record Due(UUID id, UUID networkId, String snapshot, Instant startedAt) {
        }
        List<Due> due = jdbc.sql("""
                        select id, network_id, snapshot, started_at from escalation
                         where status = 'RUNNING' and next_tick_at <= :now
                         order by next_tick_at limit :limit for update skip locked
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("network_id", UUID.class),
                        rs.getString("snapshot"), rs.getTimestamp("started_at").toInstant()))
                .list();
        for (Due escalation : due) {
            decide(escalation.id(), new NetworkId(escalation.networkId()), FrozenPage.fromJson(escalation.snapshot()),
                    escalation.startedAt(), now);
        }
        return due.size();
    }

    private void decide(UUID id, NetworkId network, FrozenPage frozen, Instant startedAt, Instant now) {
        Map<String, List<Recipient>> targets = new LinkedHashMap<>();
        frozen.targets().forEach((name, people) -> targets.put(name, recipients(network, people)));
        EscalationSnapshot snapshot = EscalationSnapshot.freeze(new EscalationId(id), frozen.toPolicy(), targets,
                startedAt);
        EscalationDecisions decisions = EscalationEngine.decide(snapshot, events(id), now);
        if (decisions.stopped()) {
            stop(id, decisions.stopReason(), now);
            return;
        }
        List<OutboxChanges.PageTrack> tracks = new ArrayList<>();
        Set<String> notifiedSteps = new LinkedHashSet<>();
        for (NotifyDecision decision : decisions.notifications()) {
            Recipient r = decision.recipient();
            tracks.add(new OutboxChanges.PageTrack(network.value(), id, decision.stepKey(), r.person().value(),
                    r.tier().name(), PAGE_PRIORITY, r.language().tag(), decision.channels().name()));
            notifiedSteps.add(decision.stepKey());
        }
        outbox.startPageTracks(tracks, now);
        for (String step : notifiedSteps) {
            appendEvent(id, "STEP_NOTIFIED", step, null, now);
        }
        jdbc.sql("update escalation set next_tick_at = :next, fencing_token = fencing_token + 1 where id = :id")
                .param("next", decisions.nextTickAt().map(Timestamp::from).orElse(null)).param("id", id).update();
    }

    private List<Recipient> recipients(NetworkId network, List<UUID> people) {
        List<Recipient> recipients = new ArrayList<>();
        for (UUID person : people) {
            tree.person(network, new PersonId(person)).ifPresent(details -> recipients.add(new Recipient(
                    details.person().id(), new GroupId(person), Tier.DISPATCH_AND_NETWORK, details.person().language(),
                    details.person().contact(), ChannelMode.DIRECT, false, java.time.Duration.ofMinutes(5),
                    Optional.empty())));
        }
        return recipients;
    }

    private List<EscalationEvent> events(UUID escalation) {
        return jdbc.sql("select kind, step_key, person_id, at from escalation_event where escalation_id = :id order by seq")
                .param("id", escalation)
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp("at").toInstant();
                    UUID person = rs.getObject("person_id", UUID.class);
                    switch (rs.getString("kind")) {
                        case "STEP_NOTIFIED":
                            return (EscalationEvent) new EscalationEvent.StepNotified(rs.getString("step_key"), at);
                        case "CLAIMED":
                            return new EscalationEvent.Claimed(new PersonId(person), at);
                        case "ACKNOWLEDGED":
                            return new EscalationEvent.Acknowledged(new PersonId(person), at);
                        default:
                            return new EscalationEvent.Cancelled(at);
                    }
                })
                .list();
    }

    /** A dispatcher answered a page with OK: noted on the page (it keeps going until someone claims). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acknowledged(UUID escalation, PersonId by) {
        appendEvent(escalation, "ACKNOWLEDGED", null, by.value(), clock.instant());
    }
}
