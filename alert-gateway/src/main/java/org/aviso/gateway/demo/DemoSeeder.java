package org.aviso.gateway.demo;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's example community: one network, two schools, staff and families speaking English and Spanish, an
 * administrator and two dispatchers. All numbers are in the 555 range; all people are made up. Families whose
 * number ends in 7, 8 or 9 "have no Signal" in the simulation, so the demo shows the SMS fallback.
 */
@Component
public class DemoSeeder {

    private static final Set<AlertKind> TO_SCHOOLS = EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE,
            AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM, AlertKind.DRILL);

    private final TreeStore tree;
    private final UserAccounts accounts;
    private final Devices devices;

    public DemoSeeder(TreeStore tree, UserAccounts accounts, Devices devices) {
        this.tree = tree;
        this.accounts = accounts;
        this.devices = devices;
    }

    /** What the seed made, including the one-time credentials (shown once, never stored in clear). */
    public record DemoSeed(NetworkId network, Map<String, SiteId> sites, Map<String, PersonId> people,
            Map<String, GroupId> groups, List<UserAccounts.NewAccount> accounts, List<SiteContactEnrollment> enrollments) {

        @Override
        public String toString() {
            return "DemoSeed[" + network + "]";
        }
    }

    public record SiteContactEnrollment(String site, String person, Devices.Enrollment enrollment) {
    }

    private int nextNumber;
    private final Map<String, PersonId> people = new java.util.LinkedHashMap<>();
    private final Map<String, GroupId> groups = new java.util.LinkedHashMap<>();

    @Transactional
    public synchronized DemoSeed seed() {
        people.clear();
        groups.clear();
        nextNumber = 100;
        NetworkId network = NetworkId.random();
        tree.saveNetwork(new NetworkRecord(Network.defaults(network, "Eastside Rapid Response Network"),
                ZoneId.of("America/Los_Angeles")));

        GroupId dispatch = group(network, Optional.empty(), "Dispatchers and verifiers", Tier.DISPATCH_AND_NETWORK,
                EnumSet.allOf(AlertKind.class), false, Optional.empty());
        person(network, Optional.empty(), "Dana Brooks", Set.of(Role.DISPATCHER, Role.VERIFIER), Language.ENGLISH,
                SignalStatus.ON_SIGNAL, true, Optional.empty(), dispatch);
        person(network, Optional.empty(), "Sam Okafor", Set.of(Role.DISPATCHER, Role.VERIFIER), Language.SPANISH,
                SignalStatus.ON_SIGNAL, false, Optional.empty(), dispatch);
        person(network, Optional.empty(), "Chris Alvarez", Set.of(Role.COORDINATOR, Role.VERIFIER), Language.SPANISH,
                SignalStatus.ON_SIGNAL, false, Optional.empty(), dispatch);

        SiteId lincoln = school(network, "Lincoln Elementary", "Maria Lopez", "James Carter",
                List.of("Ana Rivera:es", "Tom Nguyen:en", "Grace Kim:en", "Luis Ortega:es"),
                List.of("Room 12 family:es", "Room 12 family (2):es", "Room 14 family:en", "Room 15 family:es",
                        "Room 16 family:en", "Room 18 family:es"));
        SiteId roosevelt = school(network, "Roosevelt Middle School", "Rosa Mendez", "Kevin Walsh",
                List.of("Paula Diaz:es", "Mark Chen:en", "Sofia Romero:es"),
                List.of("Grade 6 family:es", "Grade 7 family:en", "Grade 7 family (2):es", "Grade 8 family:es"));

        List<UserAccounts.NewAccount> created = new ArrayList<>();
        UserAccounts.NewAccount admin = accounts.create(network.value(), null, AvisoRole.ADMINISTRATOR, "admin");
        created.add(admin);
        created.add(accounts.create(network.value(), people.get("Dana Brooks").value(), AvisoRole.DISPATCHER, "dana"));
        created.add(accounts.create(network.value(), people.get("Sam Okafor").value(), AvisoRole.DISPATCHER, "sam"));

        AvisoPrincipal administrator = new AvisoPrincipal(AvisoPrincipal.Kind.USER, admin.id(), network.value(),
                AvisoRole.ADMINISTRATOR, null, null);
        List<SiteContactEnrollment> enrollments = List.of(
                new SiteContactEnrollment("Lincoln Elementary", "Maria Lopez", devices.createEnrollment(administrator,
                        people.get("Maria Lopez").value(), lincoln.value())),
                new SiteContactEnrollment("Roosevelt Middle School", "Rosa Mendez", devices.createEnrollment(
                        administrator, people.get("Rosa Mendez").value(), roosevelt.value())));
        return new DemoSeed(network, Map.of("Lincoln Elementary", lincoln, "Roosevelt Middle School", roosevelt),
                Map.copyOf(people), Map.copyOf(groups), created, enrollments);
    }

    private SiteId school(NetworkId network, String name, String siteContact, String backupContact,
            List<String> staff, List<String> families) {
        SiteId site = SiteId.random();
        tree.saveSite(new Site(site, network, name));
        tree.saveHelpText(site, Language.ENGLISH, name + ": follow the safety plan. Families: use the pick-up plan "
                + "your school sent home. Know your rights: you do not have to open the door or answer questions. "
                + "Reply VERIFY and the code to check an alert.");
        tree.saveHelpText(site, Language.SPANISH, name + ": siga el plan de seguridad. Familias: usen el plan de "
                + "recogida que la escuela envio a casa. Conozca sus derechos: no tiene que abrir la puerta ni "
                + "contestar preguntas. Responda VERIFICAR y el codigo para comprobar una alerta.");
        GroupId backups = group(network, Optional.of(site), name + " backup leads", Tier.SITE_LEADS, TO_SCHOOLS, false,
                Optional.empty());
        GroupId leads = group(network, Optional.of(site), name + " office and site leads", Tier.SITE_LEADS, TO_SCHOOLS,
                true, Optional.of(backups));
        GroupId teachers = group(network, Optional.of(site), name + " teachers and staff", Tier.STAFF, TO_SCHOOLS,
                false, Optional.empty());
        GroupId familyGroup = group(network, Optional.of(site), name + " families", Tier.FAMILIES, TO_SCHOOLS, false,
                Optional.empty());
        person(network, Optional.of(site), siteContact, Set.of(Role.SITE_CONTACT, Role.SITE_LEAD), Language.SPANISH,
                SignalStatus.ON_SIGNAL, false, Optional.empty(), leads);
        person(network, Optional.of(site), backupContact, Set.of(Role.SITE_CONTACT, Role.SITE_LEAD), Language.ENGLISH,
                SignalStatus.ON_SIGNAL, false, Optional.empty(), backups);
        for (String entry : staff) {
            String[] parts = entry.split(":");
            person(network, Optional.of(site), parts[0], Set.of(Role.STAFF), Language.of(parts[1]),
                    SignalStatus.ON_SIGNAL, false, Optional.empty(), teachers);
        }
        for (String entry : families) {
            String[] parts = entry.split(":");
            // a family is a contact point with a label: never a student's name
            person(network, Optional.of(site), null, Set.of(Role.FAMILY), Language.of(parts[1]),
                    SignalStatus.UNKNOWN, false, Optional.of(parts[0]), familyGroup);
        }
        return site;
    }

    private GroupId group(NetworkId network, Optional<SiteId> site, String name, Tier tier, Set<AlertKind> receives,
            boolean acknowledgementRequired, Optional<GroupId> backup) {
        GroupId id = GroupId.random();
        tree.saveGroup(new Group(id, network, site, name, tier, receives, acknowledgementRequired,
                Duration.ofMinutes(5), backup, ChannelMode.DIRECT));
        groups.put(name, id);
        return id;
    }

    private void person(NetworkId network, Optional<SiteId> site, String name, Set<Role> roles, Language language,
            SignalStatus signal, boolean onCall, Optional<String> label, GroupId... memberOf) {
        PersonId id = PersonId.random();
        PhoneNumber phone = new PhoneNumber(String.format("+1555010%04d", nextNumber++));
        tree.savePerson(new PersonDetails(new Person(id, network, roles, language,
                new ContactPoint(phone, signal, false, false, false), label), site, Optional.ofNullable(name), onCall));
        for (GroupId group : memberOf) {
            tree.addMember(group, id);
        }
        people.put(name != null ? name : label.orElseThrow() + " (" + site.map(s -> s.value().toString().substring(0, 4)).orElse("") + ")", id);
    }
}
