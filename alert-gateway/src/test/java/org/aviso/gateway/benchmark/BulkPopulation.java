package org.aviso.gateway.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A school with many staff, written in bulk (encrypted like any person, but in batches of a thousand rows) so that
 * a 100,000-person tree is ready in seconds.
 */
record BulkPopulation(NetworkId network, SiteId site, GroupId staff, AvisoPrincipal dispatcher, int people) {

    static BulkPopulation create(ApplicationContext context, String name, int people, int firstNumber,
            double shareNotOnSignal) {
        return create(context, name, people, firstNumber, shareNotOnSignal, false);
    }

    /**
     * @param accountsKnown whether the people on Signal carry their Signal account as the reachability check
     *                      records it (every school after its first check, or after its first alert); without it,
     *                      each accepted send of the first alert writes the account to the person
     */
    static BulkPopulation create(ApplicationContext context, String name, int people, int firstNumber,
            double shareNotOnSignal, boolean accountsKnown) {
        TreeStore tree = context.getBean(TreeStore.class);
        FieldCipher cipher = context.getBean(FieldCipher.class);
        BlindIndex index = context.getBean(BlindIndex.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        NetworkId network = NetworkId.random();
        tree.saveNetwork(new NetworkRecord(Network.defaults(network, name), ZoneId.of("UTC")));
        jdbc.update("update network set receipt_timeout_seconds = 3600 where id = ?", network.value());
        SiteId site = SiteId.random();
        tree.saveSite(new Site(site, network, name + " school"));
        GroupId staff = GroupId.random();
        tree.saveGroup(new Group(staff, network, Optional.of(site), "Staff", Tier.STAFF, EnumSet.of(AlertKind.DRILL),
                false, Duration.ofMinutes(5), Optional.empty(), ChannelMode.DIRECT));
        PersonId dispatcher = PersonId.random();
        tree.savePerson(new PersonDetails(new Person(dispatcher, network, Set.of(Role.DISPATCHER), Language.ENGLISH,
                ContactPoint.onSignal(new PhoneNumber(String.format("+1559%07d", firstNumber))), Optional.empty()),
                Optional.empty(), Optional.of("Dispatcher"), false));
        UserAccounts.NewAccount account = context.getBean(UserAccounts.class).create(network.value(),
                dispatcher.value(), AvisoRole.DISPATCHER, "bench-" + network.value().toString().substring(0, 8));
        Timestamp now = Timestamp.from(Instant.now());
        int notOnSignalEvery = shareNotOnSignal <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / shareNotOnSignal);
        List<Object[]> persons = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            UUID id = UUID.randomUUID();
            String number = String.format("+1558%07d", firstNumber + i);
            boolean onSignal = i % notOnSignalEvery != notOnSignalEvery - 1;
            persons.add(new Object[] {id, network.value(), site.value(), i % 2 == 0 ? "en" : "es",
                    cipher.encrypt(network.value(), TreeStore.PERSON_PHONE, id, number), index.phone(number),
                    onSignal ? "ON_SIGNAL" : "NOT_ON_SIGNAL", now,
                    accountsKnown && onSignal ? index.of("aci", StubProviders.aci(number)) : null,
                    accountsKnown ? now : null});
            members.add(new Object[] {staff.value(), id});
            if (persons.size() == 1_000 || i == people - 1) {
                jdbc.batchUpdate("""
                        insert into person (id, version, network_id, site_id, roles, language, phone_ct, phone_index,
                                            signal_status, created_at, signal_aci_index, signal_checked_at)
                        values (?, 1, ?, ?, 'STAFF', ?, ?, ?, ?, ?, ?, ?)
                        """, persons);
                jdbc.batchUpdate("insert into group_member (group_id, person_id) values (?, ?)", members);
                persons.clear();
                members.clear();
            }
        }
        return new BulkPopulation(network, site, staff, new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(),
                network.value(), AvisoRole.DISPATCHER, dispatcher.value(), null), people);
    }
}
