package org.aviso.gateway.reachability;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DirectMessage;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.notify.SafetyNumbers;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who can be reached before an incident: each person of the tree falls in one state, counted per site and group, and
 * the people to fix form a worklist (labels and masked numbers only). A test message to one group shows who it
 * reached; a changed safety number can be re-trusted once someone has checked it with the person.
 */
@Service
public class Reachability {

    /** One state per person, the first that applies. */
    public enum State { CHANGED_SAFETY_NUMBER, SIGNAL, OPTED_OUT, UNREACHABLE, SMS_ONLY }

    public static State of(ContactPoint contact) {
        if (contact.identityChanged()) {
            return State.CHANGED_SAFETY_NUMBER;
        }
        if (contact.signal() == SignalStatus.ON_SIGNAL) {
            return State.SIGNAL;
        }
        if (contact.smsOptedOut()) {
            return State.OPTED_OUT;
        }
        if (contact.smsUnusable()) {
            return State.UNREACHABLE;
        }
        return State.SMS_ONLY;
    }

    public record Counts(String site, String group, UUID groupId, Map<State, Integer> byState, int total) {
        public int count(State state) {
            return byState.getOrDefault(state, 0);
        }
    }

    public record WorkItem(UUID person, String who, String site, String maskedNumber, State state) {
    }

    public record Overview(List<Counts> groups, List<Counts> sites, List<WorkItem> worklist) {
    }

    private final TreeStore tree;
    private final DirectMessages direct;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SafetyNumbers safetyNumbers;
    private final TransactionTemplate transaction;

    Reachability(TreeStore tree, DirectMessages direct, AuditLog audit, JdbcClient jdbc, Clock clock,
            SafetyNumbers safetyNumbers, PlatformTransactionManager transactions) {
        this.tree = tree;
        this.direct = direct;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.safetyNumbers = safetyNumbers;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Transactional(readOnly = true)
    public Overview overview(NetworkId network) {
        Map<SiteId, String> siteNames = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> siteNames.put(s.id(), s.name()));
        Map<PersonId, PersonDetails> people = new LinkedHashMap<>();
        tree.people(network).forEach(p -> people.put(p.person().id(), p));
        List<Counts> groups = new ArrayList<>();
        for (Group g : tree.groups(network)) {
            Map<State, Integer> byState = new EnumMap<>(State.class);
            int total = 0;
            for (PersonId member : tree.members(g.id())) {
                PersonDetails p = people.get(member);
                if (p != null) {
                    byState.merge(of(p.person().contact()), 1, Integer::sum);
                    total++;
                }
            }
            groups.add(new Counts(g.site().map(siteNames::get).orElse(""), g.name(), g.id().value(), byState, total));
        }
        List<Counts> sites = new ArrayList<>();
        List<WorkItem> worklist = new ArrayList<>();
        Map<String, Map<State, Integer>> bySite = new LinkedHashMap<>();
        siteNames.values().forEach(n -> bySite.put(n, new EnumMap<>(State.class)));
        for (PersonDetails p : people.values()) {
            State state = of(p.person().contact());
            String site = p.site().map(siteNames::get).orElse("");
            bySite.computeIfAbsent(site, k -> new EnumMap<>(State.class)).merge(state, 1, Integer::sum);
            if (state != State.SIGNAL && state != State.SMS_ONLY) {
                worklist.add(new WorkItem(p.person().id().value(), p.name().or(() -> p.person().label()).orElse(""),
                        site, p.person().contact().phone().masked(), state));
            }
        }
        bySite.forEach((site, counts) -> sites.add(new Counts(site, "", null, counts,
                counts.values().stream().mapToInt(Integer::intValue).sum())));
        return new Overview(groups, sites, worklist);
    }

    /**
     * Re-trusts a changed safety number after an administrator checked it with the person (in person or by a call):
     * the channel is told to trust their new key (signal-cli's {@code trust}); only when it has, Signal is used for
     * them again and the console task about it is resolved. The channel is asked outside any transaction (it may
     * take seconds); a refusal or no answer changes nothing here.
     */
    public SafetyNumbers.Outcome retrust(NetworkId network, PersonId person, String actor) {
        PersonDetails p = tree.person(network, person).orElseThrow(NotInNetworkException::new);
        SafetyNumbers.Outcome outcome = safetyNumbers.trust(p.person().contact().phone());
        if (outcome != SafetyNumbers.Outcome.TRUSTED) {
            return outcome;
        }
        transaction.executeWithoutResult(status -> {
            tree.markIdentityChanged(p.person().id(), false);
            jdbc.sql("""
                            update channel_task set resolved_at = :now where person_id = :person
                               and kind = 'IDENTITY_CHANGED' and resolved_at is null
                            """)
                    .param("now", Timestamp.from(clock.instant())).param("person", person.value()).update();
            audit.record(network.value(), actor, AuditAction.PERSON_CHANGED, "person:" + person.value(),
                    "safety number re-trusted");
        });
        return outcome;
    }

    /** Sends a test message to everyone in one group; its id shows who it reached ({@link DirectMessages#outcomes}). */
    @Transactional
    public Optional<UUID> test(NetworkId network, GroupId group, UUID account, Map<Language, String> texts) {
        tree.group(network, group).orElseThrow(NotInNetworkException::new);
        List<PersonId> members = tree.members(group);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        UUID id = direct.send(DirectMessage.of(network, DirectMessage.Purpose.TEST_MESSAGE, "test:" + group.value(),
                texts, members).sentBy(account));
        audit.record(network.value(), "user:" + account, AuditAction.SETTINGS_CHANGED, "group:" + group.value(),
                "test message to " + members.size());
        return Optional.of(id);
    }
}
