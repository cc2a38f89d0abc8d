package org.aviso.gateway.alert;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.dispatch.AlertApproval;
import org.aviso.core.dispatch.ApprovalDecision;
import org.aviso.core.dispatch.RejectionReason;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.RenderRequest;
import org.aviso.core.report.Report;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.FanOutStart;
import org.aviso.gateway.delivery.OutboxChanges;
import org.aviso.core.report.IncidentClosure;
import org.aviso.gateway.report.IncidentClosing;
import org.aviso.gateway.report.IncidentSettings;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composing, approving and sending alerts. The domain decides (quorum, audience, follow-ups); this service signs
 * the alert, renders it in every language its recipients speak, and writes the recipient tracks in the same
 * transaction as the state change, so nothing is sent before the change that causes it commits.
 */
@Service
public class AlertService {

    private final AlertStore alerts;
    private final ReportStore reports;
    private final TreeStore tree;
    private final AlertSigner signer;
    private final Templates templates;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final AlertApproval approval;
    private final FanOutStart fanOut;
    private final OutboxChanges outbox;
    private final ApprovalRequests approvalRequests;
    private final IncidentClosing incidents;
    private final IncidentSettings incidentSettings;
    private final SiteProfiles profiles;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AlertService(AlertStore alerts, ReportStore reports, TreeStore tree, AlertSigner signer, Templates templates,
            PublicUrls urls, AuditLog audit, JdbcClient jdbc, FanOutStart fanOut, ApprovalRequests approvalRequests,
            IncidentClosing incidents, IncidentSettings incidentSettings, SiteProfiles profiles, OutboxChanges outbox,
            Clock clock) {
        this.outbox = outbox;
        this.approvalRequests = approvalRequests;
        this.incidents = incidents;
        this.incidentSettings = incidentSettings;
        this.profiles = profiles;
        this.alerts = alerts;
        this.reports = reports;
        this.tree = tree;
        this.signer = signer;
        this.templates = templates;
        this.urls = urls;
        this.audit = audit;
        this.jdbc = jdbc;
        this.approval = new AlertApproval(clock);
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** What the composer submits. */
    /**
     * What the composer submits. {@code instructions} is the older single text, the same in every language (the REST
     * API and follow-ups use it); {@code texts} are the dispatcher's words per language (language tag to text), and
     * {@code choices} what readers of a language without a text get instead ({@code none} or {@code text:<tag>}, see
     * {@link LanguagePlan}). An alert carries one or the other, never both.
     */
    public record Composition(AlertKind kind, Optional<ReportId> report, Optional<SiteId> site, Set<GroupId> groups,
            String instructions, List<Integer> steps, Map<String, String> texts, Map<String, String> choices) {

        /** Picks no steps from the site's safety plan: only the dispatcher's words. */
        public Composition(AlertKind kind, Optional<ReportId> report, Optional<SiteId> site, Set<GroupId> groups,
                String instructions) {
            this(kind, report, site, groups, instructions, List.of());
        }

        /** One text for every language, as before texts per language existed. */
        public Composition(AlertKind kind, Optional<ReportId> report, Optional<SiteId> site, Set<GroupId> groups,
                String instructions, List<Integer> steps) {
            this(kind, report, site, groups, instructions, steps, Map.of(), Map.of());
        }

        public Composition {
            steps = steps == null ? List.of() : List.copyOf(steps);
            texts = texts == null ? Map.of() : new LinkedHashMap<>(texts);
            choices = choices == null ? Map.of() : new LinkedHashMap<>(choices);
        }

        @Override
        public String toString() {
            return "Composition[" + kind + ", " + groups.size() + " groups]";
        }
    }

    /** What happened to a send or an approval. */
    public sealed interface Outcome {
        AlertId alert();

        record Sent(AlertId alert, int recipients) implements Outcome {
        }

        record AwaitingApproval(AlertId alert, int missing) implements Outcome {
        }

        record Refused(AlertId alert, RejectionReason reason, String detail) implements Outcome {
        }

        /** An approver turned it down with a reason; it will not go out. */
        record Rejected(AlertId alert) implements Outcome {
        }
    }

    /** Composes and signs an alert, with the sender's own approval; sends it at once when the quorum is met. */
    @Transactional
    public Outcome compose(AvisoPrincipal dispatcher, Composition composition) {
        PersonId sender = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        NetworkRecord networkRecord = tree.network(network).orElseThrow(NotInNetworkException::new);
        if (composition.kind().isFollowUp()) {
            throw new IllegalArgumentException("Follow-ups are sent from the alert they follow");
        }
        Optional<Report> report = composition.report().flatMap(id -> reports.find(network, id))
                .map(ReportStore.StoredReport::report);
        if (composition.report().isPresent() && report.isEmpty()) {
            throw new NotInNetworkException();
        }
        Optional<SiteId> site = composition.site().or(() -> report.map(Report::site));
        site.ifPresent(id -> tree.site(network, id).orElseThrow(NotInNetworkException::new));
        Instant now = clock.instant();
        Alert alert = Alert.initial(AlertId.random(), network, report.map(Report::incident), composition.kind(),
                sender, now, networkRecord.network().incidentExpiry(), ShortCode.generate(random));
        CommunicationTree communicationTree = tree.tree(network);
        Audience audience = communicationTree.audienceFor(composition.kind(), composition.groups());
        ApprovalDecision decision = approval.approve(alert, report, audience, networkRecord.network().quorum(),
                List.of(sender));
        if (decision instanceof ApprovalDecision.Rejected rejected
                && rejected.reason() != RejectionReason.QUORUM_NOT_MET) {
            return new Outcome.Refused(alert.id(), rejected.reason(), rejected.detail());
        }
        // a language added as data is sent only once it has templates of this kind (issue 17)
        org.aviso.core.render.TemplateCatalog catalog = templates.catalog(network, now);
        Set<Language> spoken = new java.util.TreeSet<>(java.util.Comparator.comparing(Language::tag));
        audience.recipients().forEach(r -> spoken.add(r.language()));
        audience.backups().values().forEach(members -> members.forEach(r -> spoken.add(r.language())));
        List<String> uncovered = spoken.stream().filter(l -> !catalog.covers(composition.kind(), l))
                .map(Language::tag).toList();
        if (!uncovered.isEmpty()) {
            return new Outcome.Refused(alert.id(), RejectionReason.NO_TEMPLATE_FOR_LANGUAGE, String.join(", ", uncovered));
        }
        String instructions = composition.instructions() == null ? "" : composition.instructions().strip();
        // the dispatcher's words per language: nobody gets a language they cannot read unless the dispatcher chose it
        Set<Language> known = new LinkedHashSet<>(networkRecord.network().languages());
        known.addAll(spoken);
        LanguagePlan plan = LanguagePlan.of(known, composition.texts(), composition.choices());
        if (!plan.isEmpty() && !instructions.isEmpty()) {
            throw new LanguagePlan.Invalid(LanguagePlan.Problem.TWO_KINDS_OF_TEXT, "");
        }
        plan.requireChoices(spoken);
        ChosenSteps steps = ChosenSteps.none();
        if (!composition.steps().isEmpty()) {
            SiteId from = site.orElseThrow(() -> new IllegalArgumentException(
                    "steps come from a site's safety plan: choose the site"));
            steps = ChosenSteps.pick(profiles.inForce(network, from, now), composition.steps(),
                    networkRecord.network().languages());
        }
        alerts.insert(alert, site, composition.groups(), instructions, steps, plan, signer.sign(facts(alert)),
                AlertStore.Status.AWAITING_APPROVAL);
        alerts.addApproval(alert.id(), sender, now);
        audit.record(network.value(), dispatcher.actor(), AuditAction.ALERT_DRAFTED, subject(alert),
                "kind=" + alert.kind() + " groups=" + composition.groups().size());
        if (decision instanceof ApprovalDecision.Approved approved) {
            return send(dispatcher, alert, approved.audience(), networkRecord, site, instructions, steps, plan);
        }
        ApprovalDecision.Rejected waiting = (ApprovalDecision.Rejected) decision;
        approvalRequests.request(networkRecord, alert, site, List.of(sender), dispatcher.actor());
        return new Outcome.AwaitingApproval(alert.id(), waiting.quorum().map(q -> q.missing()).orElse(1));
    }

    /** Another dispatcher confirms; when the quorum is met the alert goes out. */
    @Transactional
    public Outcome approve(AvisoPrincipal dispatcher, AlertId id) {
        PersonId person = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        return approveAs(dispatcher.actor(), network, person, id);
    }

    private Outcome approveAs(String actor, NetworkId network, PersonId person, AlertId id) {
        AlertStore.StoredAlert stored = alerts.findLocked(network, id).orElseThrow(NotInNetworkException::new);
        if (stored.status() != AlertStore.Status.AWAITING_APPROVAL) {
            return new Outcome.Refused(id, RejectionReason.WRONG_KIND, "this alert is not awaiting approval");
        }
        NetworkRecord networkRecord = tree.network(network).orElseThrow();
        if (alerts.addApproval(id, person, clock.instant())) {
            audit.record(network.value(), actor, AuditAction.ALERT_APPROVED, subject(stored.alert()), "");
        }
        if (stored.alert().kind().isFollowUp()) {
            return decideFollowUp(networkRecord, stored, alerts.approvals(id));
        }
        Optional<Report> report = reportOf(stored);
        Audience audience = tree.tree(network).audienceFor(stored.alert().kind(), stored.groups());
        ApprovalDecision decision = approval.approve(stored.alert(), report, audience,
                networkRecord.network().quorum(), alerts.approvals(id));
        if (decision instanceof ApprovalDecision.Approved approved) {
            return send(null, stored.alert(), approved.audience(), networkRecord, stored.site(),
                    stored.instructions(), stored.steps(), stored.plan());
        }
        ApprovalDecision.Rejected rejected = (ApprovalDecision.Rejected) decision;
        if (rejected.reason() == RejectionReason.QUORUM_NOT_MET) {
            return new Outcome.AwaitingApproval(id, rejected.quorum().map(q -> q.missing()).orElse(1));
        }
        return new Outcome.Refused(id, rejected.reason(), rejected.detail());
    }

    /**
     * An approver turns the alert down, with a reason the composer reads on the alert's page. It is not sent, and
     * nobody is asked for an approval of it any more. The composer cannot reject their own alert: another
     * dispatcher's judgement is the point.
     */
    @Transactional
    public Outcome reject(AvisoPrincipal dispatcher, AlertId id, String reason) {
        PersonId person = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REJECTION_REASON) {
            throw new IllegalArgumentException("a rejection needs a reason of at most " + MAX_REJECTION_REASON
                    + " characters");
        }
        AlertStore.StoredAlert stored = alerts.findLocked(network, id).orElseThrow(NotInNetworkException::new);
        if (stored.status() != AlertStore.Status.AWAITING_APPROVAL) {
            return new Outcome.Refused(id, RejectionReason.WRONG_KIND, "this alert is not awaiting approval");
        }
        if (stored.alert().sender().equals(person)) {
            throw new AccessDeniedException("The composer cannot reject their own alert");
        }
        Instant now = clock.instant();
        alerts.reject(stored.alert(), person, why, now);
        approvalRequests.cancel(network, stored.alert().id());
        audit.record(network.value(), dispatcher.actor(), AuditAction.ALERT_REJECTED, subject(stored.alert()),
                "kind=" + stored.alert().kind());
        return new Outcome.Rejected(id);
    }

    public static final int MAX_REJECTION_REASON = 300;

    /**
     * UPDATE, ALL_CLEAR or FALSE_ALARM to exactly the people the original reached, with the sender's own approval.
     * It needs the same quorum as the original (a network may relax it for UPDATEs): until then it waits for
     * approval like a new alert, and the approvers are asked.
     */
    @Transactional
    public Outcome followUp(AvisoPrincipal dispatcher, AlertId originalId, AlertKind kind, String instructions) {
        PersonId sender = dispatcherPerson(dispatcher);
        NetworkId network = new NetworkId(dispatcher.networkId());
        NetworkRecord networkRecord = tree.network(network).orElseThrow();
        AlertStore.StoredAlert original = alerts.find(network, originalId).orElseThrow(NotInNetworkException::new);
        AlertStore.StoredAlert root = original.alert().refersTo()
                .flatMap(rootId -> alerts.find(network, rootId)).orElse(original);
        if (root.status() != AlertStore.Status.SENT) {
            return new Outcome.Refused(originalId, RejectionReason.WRONG_ORIGINAL, "only a sent alert can be followed up");
        }
        Instant now = clock.instant();
        Alert followUp = Alert.followUp(root.alert(), AlertId.random(), kind, sender, now,
                networkRecord.network().incidentExpiry(), ShortCode.generate(random));
        ApprovalDecision decision = followUpDecision(networkRecord, followUp, root, List.of(sender));
        if (decision instanceof ApprovalDecision.Rejected rejected
                && rejected.reason() != RejectionReason.QUORUM_NOT_MET) {
            return new Outcome.Refused(followUp.id(), rejected.reason(), rejected.detail());
        }
        String text = instructions == null ? "" : instructions.strip();
        alerts.insert(followUp, root.site(), root.groups(), text, signer.sign(facts(followUp)),
                AlertStore.Status.AWAITING_APPROVAL);
        alerts.addApproval(followUp.id(), sender, now);
        audit.record(network.value(), dispatcher.actor(), AuditAction.ALERT_DRAFTED, subject(followUp),
                "kind=" + kind + " refersTo=" + root.alert().id().value());
        if (decision instanceof ApprovalDecision.Approved approved) {
            return sendFollowUp(dispatcher, approved, root, networkRecord, text);
        }
        ApprovalDecision.Rejected waiting = (ApprovalDecision.Rejected) decision;
        approvalRequests.request(networkRecord, followUp, root.site(), List.of(sender), dispatcher.actor());
        return new Outcome.AwaitingApproval(followUp.id(), waiting.quorum().map(q -> q.missing()).orElse(1));
    }

    private ApprovalDecision followUpDecision(NetworkRecord network, Alert followUp, AlertStore.StoredAlert root,
            java.util.Collection<PersonId> confirmations) {
        Audience reached = reachedAudience(root.alert());
        // what was sent ends the original; a follow-up still waiting for approval does not
        List<Alert> earlier = alerts.followUpsOf(root.alert().id()).stream()
                .filter(f -> f.status() == AlertStore.Status.SENT).map(AlertStore.StoredAlert::alert).toList();
        return approval.approveFollowUp(followUp, root.alert(), reached, earlier, network.network().quorum(),
                incidentSettings.of(network.network().id()).followUpQuorum(), confirmations);
    }

    private Outcome decideFollowUp(NetworkRecord network, AlertStore.StoredAlert stored,
            java.util.Collection<PersonId> confirmations) {
        AlertStore.StoredAlert root = alerts.find(network.network().id(), stored.alert().refersTo().orElseThrow())
                .orElseThrow();
        ApprovalDecision decision = followUpDecision(network, stored.alert(), root, confirmations);
        if (decision instanceof ApprovalDecision.Approved approved) {
            return sendFollowUp(null, approved, root, network, stored.instructions());
        }
        ApprovalDecision.Rejected rejected = (ApprovalDecision.Rejected) decision;
        if (rejected.reason() == RejectionReason.QUORUM_NOT_MET) {
            return new Outcome.AwaitingApproval(stored.alert().id(), rejected.quorum().map(q -> q.missing()).orElse(1));
        }
        return new Outcome.Refused(stored.alert().id(), rejected.reason(), rejected.detail());
    }

    /**
     * Sends an approved follow-up. An ALL_CLEAR or FALSE_ALARM ends the original (nothing of it goes out any more)
     * and closes its incident with everything still open in it: its reports, their pages, and alerts of it still
     * waiting for approval.
     */
    private Outcome sendFollowUp(AvisoPrincipal sender, ApprovalDecision.Approved approved,
            AlertStore.StoredAlert root, NetworkRecord network, String text) {
        Alert followUp = approved.alert();
        Instant now = clock.instant();
        if (approved.endsOriginal()) {
            closeOriginal(root.alert(), now);
            withdrawWaiting(network.network().id(), root.alert(), followUp.id());
            root.alert().incident().ifPresent(incident -> incidents.closeByAlert(network.network().id(), incident,
                    followUp.kind() == AlertKind.ALL_CLEAR ? IncidentClosure.Reason.ALL_CLEAR
                            : IncidentClosure.Reason.FALSE_ALARM,
                    followUp.id().value(), followUp.sender(), sender != null ? sender.actor() : "quorum"));
        }
        return send(sender, followUp, approved.audience(), network, root.site(), text, ChosenSteps.none(),
                LanguagePlan.none());
    }

    /** Alerts of the closed original or its incident still waiting for approval will not go out: withdrawn. */
    private void withdrawWaiting(NetworkId network, Alert original, AlertId closing) {
        List<UUID> waiting = jdbc.sql("""
                        update alert set status = 'WITHDRAWN', version = version + 1
                         where network_id = :network and status = 'AWAITING_APPROVAL' and id <> :closing
                           and (refers_to = :original or (incident_id is not null and incident_id = :incident))
                        returning id
                        """)
                .param("network", network.value()).param("closing", closing.value())
                .param("original", original.id().value())
                .param("incident", original.incident().map(i -> i.value()).orElse(null))
                .query(UUID.class).list();
        waiting.forEach(id -> approvalRequests.cancel(network, new AlertId(id)));
    }

    /** ALL_CLEAR or FALSE_ALARM: nothing of the original (or its updates) goes out any more. */
    private void closeOriginal(Alert original, Instant now) {
        outbox.stopAlert(original.id().value(), "ALERT_CLOSED", now);
        alerts.setStatus(original.id(), AlertStore.Status.CANCELLED, now);
    }

    private Outcome send(AvisoPrincipal sender, Alert alert, Audience audience, NetworkRecord network,
            Optional<SiteId> site, String instructions, ChosenSteps steps, LanguagePlan plan) {
        Instant now = clock.instant();
        String siteName = site.flatMap(id -> tree.site(network.network().id(), id)).map(s -> s.name())
                .orElse(network.network().name());
        Set<Language> languages = new LinkedHashSet<>(List.of(Language.ENGLISH));
        audience.recipients().forEach(r -> languages.add(r.language()));
        audience.backups().values().forEach(members -> members.forEach(r -> languages.add(r.language())));
        AlertRenderer renderer = templates.renderer(network.network().id(), alert.createdAt());
        for (Language language : languages) {
            // each language carries the picked steps in its own words, then the dispatcher's
            // and the dispatcher's words in that language, or what they chose for it (never another unchosen)
            String free = plan.isEmpty() ? instructions : plan.textFor(language);
            ChosenSteps.RenderTexts texts = steps.with(free, language);
            RenderRequest request = new RenderRequest(alert, siteName, network.network().name(), texts.full(),
                    texts.shortForm(), urls.alertCheck(alert.code().value()), network.zone());
            for (Channel channel : Channel.values()) {
                alerts.saveMessage(alert.id(), network.network().id(), renderer.render(request, language, channel), channel);
            }
        }
        int severity = severity(alert.kind());
        Set<PersonId> included = new LinkedHashSet<>();
        audience.recipients().forEach(r -> included.add(r.person()));
        Map<PersonId, Recipient> standby = new LinkedHashMap<>();
        audience.backups().values().forEach(members -> members.forEach(r -> {
            if (!included.contains(r.person())) {
                standby.putIfAbsent(r.person(), r);
            }
        }));
        fanOut.start(network, alert.id(), audience.recipients(), List.copyOf(standby.values()),
                r -> priority(r.tier(), severity), now);
        alerts.setStatus(alert.id(), AlertStore.Status.SENT, now);
        approvalRequests.cancel(network.network().id(), alert.id());
        audit.record(network.network().id().value(), sender != null ? sender.actor() : "quorum",
                AuditAction.ALERT_SENT, subject(alert),
                "kind=" + alert.kind() + " recipients=" + audience.size() + " standby=" + standby.size());
        return new Outcome.Sent(alert.id(), audience.size());
    }

    /** Fan-out order: dispatchers and network, site leads, staff, families; within a tier, higher severity first. */
    static int priority(Tier tier, int severity) {
        return tier.priority() * 10 + severity;
    }

    static int severity(AlertKind kind) {
        switch (kind) {
            case VERIFIED:
            case ALL_CLEAR:
            case FALSE_ALARM:
                return 0;
            case UPDATE:
            case ADVISORY:
                return 1;
            default:
                return 2;
        }
    }

    /** The people the original alert reached (its non-standby tracks, and backups that were activated). */
    private Audience reachedAudience(Alert original) {
        List<UUID> people = jdbc.sql("select person_id from recipient_track where alert_id = :id and not standby order by priority, id")
                .param("id", original.id().value()).query(UUID.class).list();
        CommunicationTree communicationTree = tree.tree(original.network());
        Map<UUID, String> groupOf = new LinkedHashMap<>();
        jdbc.sql("select person_id, group_id from recipient_track where alert_id = :id and not standby")
                .param("id", original.id().value())
                .query(rs -> {
                    groupOf.put(rs.getObject(1, UUID.class), String.valueOf(rs.getObject(2, UUID.class)));
                });
        List<Recipient> recipients = new ArrayList<>();
        for (UUID person : people) {
            Optional<org.aviso.core.tree.Person> p = communicationTree.person(new PersonId(person));
            Optional<org.aviso.core.tree.Group> g = communicationTree.group(GroupId.of(groupOf.get(person)));
            if (p.isPresent() && g.isPresent()) {
                recipients.add(communicationTree.recipient(p.get(), g.get()));
            }
        }
        return Audience.of(recipients);
    }

    private Optional<Report> reportOf(AlertStore.StoredAlert stored) {
        if (stored.alert().incident().isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id from report where incident_id = :incident and status = 'VERIFIED'
                         order by resolved_at desc limit 1
                        """)
                .param("incident", stored.alert().incident().get().value())
                .query(UUID.class).optional()
                .flatMap(id -> reports.find(stored.alert().network(), new ReportId(id)))
                .map(ReportStore.StoredReport::report);
    }

    static AlertSigner.SignedFacts facts(Alert alert) {
        return new AlertSigner.SignedFacts(alert.code().value(), alert.network().value(), alert.kind(),
                alert.exercise(), alert.createdAt(), alert.refersTo().map(AlertId::value).orElse(null));
    }

    private static PersonId dispatcherPerson(AvisoPrincipal principal) {
        if (principal == null || !principal.isDispatcher() || principal.kind() != AvisoPrincipal.Kind.USER) {
            throw new AccessDeniedException("Dispatchers only");
        }
        if (principal.personId() == null) {
            throw new AccessDeniedException("This account is not linked to a person in the tree, so it cannot send alerts");
        }
        return new PersonId(principal.personId());
    }

    static String subject(Alert alert) {
        return "alert:" + alert.id().value();
    }
}
