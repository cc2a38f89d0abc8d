package org.aviso.gateway.testing;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;


import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Small builders for test networks, so tests say what matters to them and nothing else. */
public class TestData {

    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    private final TreeStore tree;
    private final UserAccounts accounts;

    public TestData(TreeStore tree, UserAccounts accounts) {
        this.tree = tree;
        this.accounts = accounts;
    }

    /** A fresh phone number in the 555 test range. */
    public static PhoneNumber phone() {
        return new PhoneNumber(String.format("+1555%07d", NUMBERS.incrementAndGet()));
    }

    public NetworkId network(String name) {
        NetworkId id = NetworkId.random();
        tree.saveNetwork(new NetworkRecord(Network.defaults(id, name), ZoneId.of("America/Los_Angeles")));
        return id;
    }

    public SiteId site(NetworkId network, String name) {
        SiteId id = SiteId.random();
        tree.saveSite(new Site(id, network, name));
        return id;
    }

    public GroupId group(NetworkId network, Optional<SiteId> site, String name, Tier tier, Set<AlertKind> receives) {
        GroupId id = GroupId.random();
        tree.saveGroup(new Group(id, network, site, name, tier, receives, false, Duration.ofMinutes(5),
                Optional.empty(), ChannelMode.DIRECT));
        return id;
    }

    public PersonId person(NetworkId network, Optional<SiteId> site, Set<Role> roles, Language language,
            SignalStatus signal, String name, GroupId... groups) {
        return person(network, site, roles, language, signal, phone(), name, groups);
    }

    /**
     * A person with a number of the test's choosing (the demo's simulated Signal treats numbers ending in 7, 8 or 9
     * as not on Signal, so a test that cares which channel carries a message picks the number).
     */
    public PersonId person(NetworkId network, Optional<SiteId> site, Set<Role> roles, Language language,
            SignalStatus signal, PhoneNumber number, String name, GroupId... groups) {
        PersonId id = PersonId.random();
        ContactPoint contact = new ContactPoint(number, signal, false, false, false);
        tree.savePerson(new PersonDetails(new Person(id, network, roles, language, contact, Optional.empty()), site,
                Optional.ofNullable(name), roles.contains(Role.DISPATCHER)));
        for (GroupId group : groups) {
            tree.addMember(group, id);
        }
        return id;
    }

    public String phoneOf(NetworkId network, PersonId person) {
        return tree.person(network, person).orElseThrow().person().contact().phone().e164();
    }

    /** A network with one site, two dispatchers (each with an account) and an administrator. */
    public record SmallNetwork(NetworkId network, SiteId site, GroupId dispatchers, PersonId dispatcherA,
            PersonId dispatcherB, UserAccounts.NewAccount accountA, UserAccounts.NewAccount accountB,
            UserAccounts.NewAccount administrator) {

        /** Dispatcher A, signed in: who composes and sends in most scenarios. */
        public AvisoPrincipal dispatcherASignedIn() {
            return new AvisoPrincipal(AvisoPrincipal.Kind.USER, accountA.id(), network.value(), AvisoRole.DISPATCHER,
                    dispatcherA.value(), null);
        }

        /** Dispatcher B, signed in: the second approver. */
        public AvisoPrincipal dispatcherBSignedIn() {
            return new AvisoPrincipal(AvisoPrincipal.Kind.USER, accountB.id(), network.value(), AvisoRole.DISPATCHER,
                    dispatcherB.value(), null);
        }

        /** The network's administrator, signed in (not a person of the tree). */
        public AvisoPrincipal administratorSignedIn() {
            return new AvisoPrincipal(AvisoPrincipal.Kind.USER, administrator.id(), network.value(),
                    AvisoRole.ADMINISTRATOR, null, null);
        }
    }

    /** A MockMvc request made by {@code principal}, as if they had signed in. */
    public static RequestPostProcessor signedInAs(AvisoPrincipal principal) {
        return authentication(new UsernamePasswordAuthenticationToken(principal, null,
                List.of(new SimpleGrantedAuthority(principal.role().authority()))));
    }

    /** A staff group at the network's site that receives drills, with {@code people} English speakers on Signal. */
    public GroupId drillStaffOnSignal(SmallNetwork network, int people) {
        GroupId staff = group(network.network(), Optional.of(network.site()), "Staff", Tier.STAFF,
                EnumSet.of(AlertKind.DRILL));
        for (int i = 0; i < people; i++) {
            person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF), Language.ENGLISH,
                    SignalStatus.ON_SIGNAL, null, staff);
        }
        return staff;
    }

    public SmallNetwork smallNetwork(String name) {
        NetworkId network = network(name);
        SiteId site = site(network, name + " Elementary");
        GroupId dispatchers = group(network, Optional.empty(), "Dispatchers", Tier.DISPATCH_AND_NETWORK,
                EnumSet.allOf(AlertKind.class));
        PersonId a = person(network, Optional.empty(), Set.of(Role.DISPATCHER), Language.ENGLISH,
                SignalStatus.ON_SIGNAL, "Dispatcher A", dispatchers);
        PersonId b = person(network, Optional.empty(), Set.of(Role.DISPATCHER), Language.SPANISH,
                SignalStatus.ON_SIGNAL, "Dispatcher B", dispatchers);
        String suffix = network.value().toString().substring(0, 8);
        UserAccounts.NewAccount accountA = accounts.create(network.value(), a.value(), AvisoRole.DISPATCHER, "a-" + suffix);
        UserAccounts.NewAccount accountB = accounts.create(network.value(), b.value(), AvisoRole.DISPATCHER, "b-" + suffix);
        UserAccounts.NewAccount admin = accounts.create(network.value(), null, AvisoRole.ADMINISTRATOR, "admin-" + suffix);
        return new SmallNetwork(network, site, dispatchers, a, b, accountA, accountB, admin);
    }

    public static List<Language> bothLanguages() {
        return List.of(Language.ENGLISH, Language.SPANISH);
    }
}
