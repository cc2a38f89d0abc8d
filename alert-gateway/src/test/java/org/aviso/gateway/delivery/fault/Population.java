package org.aviso.gateway.delivery.fault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A school with many staff (every tenth number "not on Signal"), and a dispatcher allowed to send drills. */
record Population(NetworkId network, SiteId site, GroupId staff, AvisoPrincipal dispatcher, List<String> numbers) {

    static Population create(ApplicationContext context, int people, int firstNumber, Duration receiptTimeout) {
        TreeStore tree = context.getBean(TreeStore.class);
        NetworkId network = NetworkId.random();
        tree.saveNetwork(new NetworkRecord(Network.defaults(network, "Fault network"), ZoneId.of("UTC")));
        context.getBean(JdbcTemplate.class).update("update network set receipt_timeout_seconds = ? where id = ?",
                (int) receiptTimeout.toSeconds(), network.value());
        SiteId site = SiteId.random();
        tree.saveSite(new Site(site, network, "Fault Elementary"));
        GroupId staff = GroupId.random();
        tree.saveGroup(new Group(staff, network, Optional.of(site), "Staff", Tier.STAFF, EnumSet.of(AlertKind.DRILL),
                false, Duration.ofMinutes(5), Optional.empty(), ChannelMode.DIRECT));
        PersonId dispatcher = PersonId.random();
        tree.savePerson(new PersonDetails(new Person(dispatcher, network, Set.of(Role.DISPATCHER), Language.ENGLISH,
                ContactPoint.onSignal(new PhoneNumber("+15559990001")), Optional.empty()), Optional.empty(),
                Optional.of("Dispatcher"), false));
        UserAccounts.NewAccount account = context.getBean(UserAccounts.class).create(network.value(),
                dispatcher.value(), AvisoRole.DISPATCHER, "fault-" + network.value().toString().substring(0, 8));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String number = String.format("+1555%07d", firstNumber + i);
            PersonId id = PersonId.random();
            tree.savePerson(new PersonDetails(new Person(id, network, Set.of(Role.STAFF),
                    i % 2 == 0 ? Language.ENGLISH : Language.SPANISH,
                    ContactPoint.signalUnknown(new PhoneNumber(number)), Optional.empty()), Optional.of(site),
                    Optional.empty(), false));
            tree.addMember(staff, id);
            numbers.add(number);
        }
        return new Population(network, site, staff, new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(),
                network.value(), AvisoRole.DISPATCHER, dispatcher.value(), null), List.copyOf(numbers));
    }

    static boolean notOnSignal(String number) {
        return number.endsWith("7");
    }

}
