package org.aviso.core.testing;

import static org.aviso.core.alert.AlertKind.ALL_CLEAR;
import static org.aviso.core.alert.AlertKind.DRILL;
import static org.aviso.core.alert.AlertKind.FALSE_ALARM;
import static org.aviso.core.alert.AlertKind.UPDATE;
import static org.aviso.core.alert.AlertKind.VERIFIED;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;

/**
 * The tree most tests share: the Eastside network looking after Lincoln Elementary. People are known by short test
 * handles ("ana", "frank"); the domain itself stores no names.
 *
 * <pre>
 * On-call dispatchers   DISPATCH_AND_NETWORK  ana, ben          (dispatchers)
 * Backup dispatchers    DISPATCH_AND_NETWORK  cruz              (dispatcher)
 * Coordinators          DISPATCH_AND_NETWORK  dee, eve          (coordinator, verifier)
 * Network members       DISPATCH_AND_NETWORK  nia               (GROUP mode, no advisories)
 * Lincoln office        SITE_LEADS            frank             (must acknowledge in 5 min, backup: office backups)
 * Lincoln office backups SITE_LEADS           gina              (only as the office's backup; must acknowledge)
 * Lincoln teachers      STAFF                 hal, ivy, frank   (GROUP mode)
 * Lincoln families K-2  FAMILIES              fam1, fam2, fam3, ivy
 * </pre>
 */
public final class TestTree {

    public static final Duration SITE_LEAD_ACK = Duration.ofMinutes(5);
    private static final Set<AlertKind> EVERYTHING = EnumSet.allOf(AlertKind.class);
    private static final Set<AlertKind> VERIFIED_AND_FOLLOW_UPS = EnumSet.of(VERIFIED, UPDATE, ALL_CLEAR, FALSE_ALARM,
            DRILL);

    private final Network network;
    private final Site lincoln;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final CommunicationTree.Builder builder;
    private CommunicationTree tree;

    private TestTree() {
        network = Network.defaults(NetworkId.random(), "Eastside RRN");
        lincoln = new Site(SiteId.random(), network.id(), "Lincoln Elementary");
        builder = CommunicationTree.builder(network).site(lincoln);
    }

    public static TestTree standard() {
        TestTree t = new TestTree();
        Group onCall = t.group("On-call dispatchers", Optional.empty(), Tier.DISPATCH_AND_NETWORK, EVERYTHING, false,
                Optional.empty(), ChannelMode.DIRECT);
        Group backupDispatchers = t.group("Backup dispatchers", Optional.empty(), Tier.DISPATCH_AND_NETWORK,
                EVERYTHING, false, Optional.empty(), ChannelMode.DIRECT);
        Group coordinators = t.group("Coordinators", Optional.empty(), Tier.DISPATCH_AND_NETWORK, EVERYTHING, false,
                Optional.empty(), ChannelMode.DIRECT);
        Group members = t.group("Network members", Optional.empty(), Tier.DISPATCH_AND_NETWORK,
                VERIFIED_AND_FOLLOW_UPS, false, Optional.empty(), ChannelMode.GROUP);
        // Reached only when covering for the office, never directly.
        Group officeBackups = t.group("Lincoln office backups", Optional.of(t.lincoln.id()), Tier.SITE_LEADS,
                Set.of(), true, Optional.empty(), ChannelMode.DIRECT);
        Group office = t.group("Lincoln office", Optional.of(t.lincoln.id()), Tier.SITE_LEADS,
                VERIFIED_AND_FOLLOW_UPS, true, Optional.of(officeBackups.id()), ChannelMode.DIRECT);
        Group teachers = t.group("Lincoln teachers", Optional.of(t.lincoln.id()), Tier.STAFF,
                VERIFIED_AND_FOLLOW_UPS, false, Optional.empty(), ChannelMode.GROUP);
        Group families = t.group("Lincoln families K-2", Optional.of(t.lincoln.id()), Tier.FAMILIES,
                VERIFIED_AND_FOLLOW_UPS, false, Optional.empty(), ChannelMode.DIRECT);

        t.person("ana", Set.of(Role.DISPATCHER), Language.ENGLISH, ContactPoint.onSignal(Phones.next()), onCall);
        t.person("ben", Set.of(Role.DISPATCHER), Language.SPANISH, ContactPoint.onSignal(Phones.next()), onCall);
        t.person("cruz", Set.of(Role.DISPATCHER), Language.ENGLISH, ContactPoint.onSignal(Phones.next()),
                backupDispatchers);
        t.person("dee", Set.of(Role.COORDINATOR), Language.ENGLISH, ContactPoint.onSignal(Phones.next()),
                coordinators);
        t.person("eve", Set.of(Role.VERIFIER), Language.SPANISH, ContactPoint.onSignal(Phones.next()), coordinators);
        t.person("nia", Set.of(Role.NETWORK_MEMBER), Language.ENGLISH, ContactPoint.onSignal(Phones.next()), members);
        t.person("frank", Set.of(Role.SITE_LEAD, Role.SITE_CONTACT), Language.ENGLISH,
                ContactPoint.onSignal(Phones.next()), office, teachers);
        t.person("gina", Set.of(Role.SITE_LEAD), Language.SPANISH, ContactPoint.onSignal(Phones.next()),
                officeBackups);
        t.person("hal", Set.of(Role.STAFF), Language.ENGLISH, ContactPoint.onSignal(Phones.next()), teachers);
        t.person("ivy", Set.of(Role.STAFF, Role.FAMILY), Language.SPANISH, ContactPoint.onSignal(Phones.next()),
                teachers, families);
        t.person("fam1", Set.of(Role.FAMILY), Language.SPANISH, ContactPoint.onSignal(Phones.next()), families);
        t.person("fam2", Set.of(Role.FAMILY), Language.ENGLISH, ContactPoint.notOnSignal(Phones.next()), families);
        t.person("fam3", Set.of(Role.FAMILY), Language.SPANISH, ContactPoint.signalUnknown(Phones.next()), families);
        t.person("olga", Set.of(Role.ADMINISTRATOR), Language.ENGLISH, ContactPoint.onSignal(Phones.next()));
        return t;
    }

    private Group group(String name, Optional<SiteId> site, Tier tier, Set<AlertKind> receives, boolean ack,
            Optional<GroupId> backup, ChannelMode mode) {
        Group group = new Group(GroupId.random(), network.id(), site, name, tier, receives, ack,
                ack ? SITE_LEAD_ACK : Duration.ZERO, backup, mode);
        groups.put(name, group);
        builder.group(group);
        return group;
    }

    private void person(String handle, Set<Role> roles, Language language, ContactPoint contact, Group... memberOf) {
        Person person = new Person(PersonId.random(), network.id(), roles, language, contact, Optional.empty());
        people.put(handle, person);
        builder.person(person);
        for (Group group : memberOf) {
            builder.member(group.id(), person.id());
        }
    }

    public CommunicationTree tree() {
        if (tree == null) {
            tree = builder.build();
        }
        return tree;
    }

    public Network network() {
        return network;
    }

    public Site lincoln() {
        return lincoln;
    }

    public Group group(String name) {
        Group group = groups.get(name);
        if (group == null) {
            throw new IllegalArgumentException("no test group " + name);
        }
        return group;
    }

    public GroupId groupId(String name) {
        return group(name).id();
    }

    public Person person(String handle) {
        Person person = people.get(handle);
        if (person == null) {
            throw new IllegalArgumentException("no test person " + handle);
        }
        return person;
    }

    public PersonId id(String handle) {
        return person(handle).id();
    }

    /** Every group of the tree, as a dispatcher selecting "everyone" would. */
    public Set<GroupId> allGroups() {
        return tree().groupsForSite(lincoln.id());
    }

    public List<Recipient> recipientsOf(String groupName) {
        return tree().recipientsOf(groupId(groupName));
    }

    /** Test handles of the given people, in the same order, for assertions that read like the fixture. */
    public List<String> handles(Collection<PersonId> ids) {
        return ids.stream().map(this::handle).toList();
    }

    public List<String> handlesOfRecipients(Collection<Recipient> recipients) {
        return recipients.stream().map(r -> handle(r.person())).toList();
    }

    public String handle(PersonId id) {
        return people.entrySet().stream().filter(e -> e.getValue().id().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown person " + id));
    }
}
