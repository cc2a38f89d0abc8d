package org.aviso.gateway.tree;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.quorum.QuorumPolicy;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.crypto.FieldRef;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores networks, sites, groups and people, encrypting names, labels and phone numbers, and rebuilds the
 * domain's {@link CommunicationTree} from them.
 */
@Repository
public class TreeStore {

    public static final FieldRef PERSON_NAME = FieldRef.of("person", "name_ct");
    public static final FieldRef PERSON_LABEL = FieldRef.of("person", "label_ct");
    public static final FieldRef PERSON_PHONE = FieldRef.of("person", "phone_ct");
    /** A group's name, which an administrator may make as telling as "Room 12 families" (issue 14). */
    public static final FieldRef GROUP_NAME = FieldRef.of("contact_group", "name_ct");
    /** Groups as the pages list them: by tier (as the stored text sorts) and name. */
    private static final Comparator<Group> GROUP_ORDER = Comparator.comparing((Group g) -> g.tier().name())
            .thenComparing(Group::name).thenComparing(g -> g.id().value());

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FieldCipher cipher;
    private final BlindIndex index;
    private final Clock clock;

    public TreeStore(JdbcClient jdbc, JdbcTemplate template, FieldCipher cipher, BlindIndex index, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.cipher = cipher;
        this.index = index;
        this.clock = clock;
    }

    // ---- networks

    @Transactional
    public void saveNetwork(NetworkRecord record) {
        Network n = record.network();
        jdbc.sql("""
                        insert into network (id, version, name, languages, time_zone, quorum_family_wide, quorum_staff_only,
                                             incident_window_seconds, incident_expiry_seconds, retention_days,
                                             receipt_timeout_seconds, created_at)
                        values (:id, 1, :name, :languages, :zone, :family, :staff, :window, :expiry, :retention, :receipt, :now)
                        on conflict (id) do update set version = network.version + 1, name = excluded.name,
                            languages = excluded.languages, time_zone = excluded.time_zone,
                            quorum_family_wide = excluded.quorum_family_wide, quorum_staff_only = excluded.quorum_staff_only,
                            incident_window_seconds = excluded.incident_window_seconds,
                            incident_expiry_seconds = excluded.incident_expiry_seconds,
                            retention_days = excluded.retention_days, receipt_timeout_seconds = excluded.receipt_timeout_seconds
                        """)
                .param("id", n.id().value())
                .param("name", n.name())
                .param("languages", n.languages().stream().map(Language::tag).collect(Collectors.joining(",")))
                .param("zone", record.zone().getId())
                .param("family", n.quorum().familyWide())
                .param("staff", n.quorum().staffOnly())
                .param("window", (int) n.incidentWindow().toSeconds())
                .param("expiry", (int) n.incidentExpiry().toSeconds())
                .param("retention", (int) n.retention().toDays())
                .param("receipt", (int) n.receiptTimeout().toSeconds())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public Optional<NetworkRecord> network(NetworkId id) {
        return jdbc.sql("select * from network where id = :id").param("id", id.value())
                .query((rs, n) -> mapNetwork(rs)).optional();
    }

    public List<NetworkRecord> networks() {
        return jdbc.sql("select * from network order by created_at").query((rs, n) -> mapNetwork(rs)).list();
    }

    private static NetworkRecord mapNetwork(ResultSet rs) throws SQLException {
        List<Language> languages = Arrays.stream(rs.getString("languages").split(",")).map(Language::of).toList();
        Network network = new Network(new NetworkId(rs.getObject("id", UUID.class)), rs.getString("name"), languages,
                new QuorumPolicy(rs.getInt("quorum_family_wide"), rs.getInt("quorum_staff_only")),
                Duration.ofSeconds(rs.getInt("incident_window_seconds")),
                Duration.ofSeconds(rs.getInt("incident_expiry_seconds")),
                Duration.ofDays(rs.getInt("retention_days")),
                Duration.ofSeconds(rs.getInt("receipt_timeout_seconds")));
        return new NetworkRecord(network, ZoneId.of(rs.getString("time_zone")));
    }

    // ---- sites

    @Transactional
    public void saveSite(Site site) {
        jdbc.sql("""
                        insert into site (id, version, network_id, name, created_at) values (:id, 1, :network, :name, :now)
                        on conflict (id) do update set name = excluded.name, version = site.version + 1
                        """)
                .param("id", site.id().value()).param("network", site.network().value())
                .param("name", site.name()).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public List<Site> sites(NetworkId network) {
        return jdbc.sql("select id, network_id, name from site where network_id = :network order by name")
                .param("network", network.value())
                .query((rs, n) -> new Site(new SiteId(rs.getObject("id", UUID.class)),
                        new NetworkId(rs.getObject("network_id", UUID.class)), rs.getString("name")))
                .list();
    }

    public Optional<Site> site(NetworkId network, SiteId id) {
        return sites(network).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Transactional
    public void saveHelpText(SiteId site, Language language, String body) {
        jdbc.sql("""
                        insert into site_help_text (site_id, language, body) values (:site, :language, :body)
                        on conflict (site_id, language) do update set body = excluded.body
                        """)
                .param("site", site.value()).param("language", language.tag()).param("body", body)
                .update();
    }

    public Optional<String> helpText(SiteId site, Language language) {
        return jdbc.sql("select body from site_help_text where site_id = :site and language = :language")
                .param("site", site.value()).param("language", language.tag())
                .query(String.class).optional();
    }

    // ---- groups

    @Transactional
    public void saveGroup(Group group) {
        jdbc.sql("""
                        insert into contact_group (id, version, network_id, site_id, name, name_ct, tier, receives,
                                                   acknowledgement_required, acknowledgement_timeout_seconds,
                                                   backup_group_id, channel_mode)
                        values (:id, 1, :network, :site, null, :name, :tier, :receives, :ack, :ackTimeout, :backup, :mode)
                        on conflict (id) do update set version = contact_group.version + 1, site_id = excluded.site_id,
                            name = null, name_ct = excluded.name_ct, tier = excluded.tier, receives = excluded.receives,
                            acknowledgement_required = excluded.acknowledgement_required,
                            acknowledgement_timeout_seconds = excluded.acknowledgement_timeout_seconds,
                            backup_group_id = excluded.backup_group_id, channel_mode = excluded.channel_mode
                        """)
                .param("id", group.id().value())
                .param("network", group.network().value())
                .param("site", group.site().map(SiteId::value).orElse(null))
                .param("name", cipher.encrypt(group.network().value(), GROUP_NAME, group.id().value(), group.name()))
                .param("tier", group.tier().name())
                .param("receives", group.receives().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .param("ack", group.acknowledgementRequired())
                .param("ackTimeout", (int) group.acknowledgementTimeout().toSeconds())
                .param("backup", group.backup().map(GroupId::value).orElse(null))
                .param("mode", group.mode().name())
                .update();
    }

    public List<Group> groups(NetworkId network) {
        return jdbc.sql("select * from contact_group where network_id = :network")
                .param("network", network.value())
                .query((rs, n) -> mapGroup(rs))
                .list().stream().sorted(GROUP_ORDER).toList();
    }

    public Optional<Group> group(NetworkId network, GroupId id) {
        return jdbc.sql("select * from contact_group where network_id = :network and id = :id")
                .param("network", network.value()).param("id", id.value())
                .query((rs, n) -> mapGroup(rs)).optional();
    }

    Group mapGroup(ResultSet rs) throws SQLException {
        String receives = rs.getString("receives");
        Set<AlertKind> kinds = receives.isBlank() ? EnumSet.noneOf(AlertKind.class)
                : Arrays.stream(receives.split(",")).map(AlertKind::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(AlertKind.class)));
        UUID site = rs.getObject("site_id", UUID.class);
        UUID backup = rs.getObject("backup_group_id", UUID.class);
        return new Group(new GroupId(rs.getObject("id", UUID.class)),
                new NetworkId(rs.getObject("network_id", UUID.class)),
                Optional.ofNullable(site).map(SiteId::new), groupName(rs), Tier.valueOf(rs.getString("tier")),
                kinds, rs.getBoolean("acknowledgement_required"),
                Duration.ofSeconds(rs.getInt("acknowledgement_timeout_seconds")),
                Optional.ofNullable(backup).map(GroupId::new), ChannelMode.valueOf(rs.getString("channel_mode")));
    }

    // ---- people

    @Transactional
    public void savePerson(PersonDetails details) {
        Person p = details.person();
        UUID id = p.id().value();
        UUID network = p.network().value();
        ContactPoint contact = p.contact();
        jdbc.sql("""
                        insert into person (id, version, network_id, site_id, roles, language, name_ct, label_ct, phone_ct,
                                            phone_index, signal_status, sms_opted_out, sms_unusable, identity_changed,
                                            on_call, created_at)
                        values (:id, 1, :network, :site, :roles, :language, :name, :label, :phone, :phoneIndex,
                                :signal, :optedOut, :unusable, :identity, :onCall, :now)
                        on conflict (id) do update set version = person.version + 1, site_id = excluded.site_id,
                            roles = excluded.roles, language = excluded.language, name_ct = excluded.name_ct,
                            label_ct = excluded.label_ct, phone_ct = excluded.phone_ct, phone_index = excluded.phone_index,
                            signal_status = excluded.signal_status, sms_opted_out = excluded.sms_opted_out,
                            sms_unusable = excluded.sms_unusable, identity_changed = excluded.identity_changed,
                            on_call = excluded.on_call
                        """)
                .param("id", id)
                .param("network", network)
                .param("site", details.site().map(SiteId::value).orElse(null))
                .param("roles", p.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .param("language", p.language().tag())
                .param("name", details.name().map(n -> cipher.encrypt(network, PERSON_NAME, id, n)).orElse(null))
                .param("label", p.label().map(l -> cipher.encrypt(network, PERSON_LABEL, id, l)).orElse(null))
                .param("phone", cipher.encrypt(network, PERSON_PHONE, id, contact.phone().e164()))
                .param("phoneIndex", index.phone(contact.phone().e164()))
                .param("signal", contact.signal().name())
                .param("optedOut", contact.smsOptedOut())
                .param("unusable", contact.smsUnusable())
                .param("identity", contact.identityChanged())
                .param("onCall", details.onCall())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Adds many new people at once (an import): one batched insert instead of a round trip each. A number already
     * in the network fails the whole batch (the unique blind index), so callers plan around that first.
     */
    @Transactional
    public void addPeople(List<PersonDetails> people) {
        List<Object[]> rows = new java.util.ArrayList<>(people.size());
        Timestamp now = Timestamp.from(clock.instant());
        for (PersonDetails details : people) {
            Person p = details.person();
            UUID id = p.id().value();
            UUID network = p.network().value();
            ContactPoint contact = p.contact();
            rows.add(new Object[] {id, network, details.site().map(SiteId::value).orElse(null),
                    p.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), p.language().tag(),
                    details.name().map(n -> cipher.encrypt(network, PERSON_NAME, id, n)).orElse(null),
                    p.label().map(l -> cipher.encrypt(network, PERSON_LABEL, id, l)).orElse(null),
                    cipher.encrypt(network, PERSON_PHONE, id, contact.phone().e164()), index.phone(contact.phone().e164()),
                    contact.signal().name(), contact.smsOptedOut(), contact.smsUnusable(), contact.identityChanged(),
                    details.onCall(), now});
        }
        template.batchUpdate("insert into person (id, version, network_id, site_id, roles, language, name_ct, label_ct, "
                + "phone_ct, phone_index, signal_status, sms_opted_out, sms_unusable, identity_changed, on_call, created_at) "
                + "values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Adds many memberships at once; one already there is left as it is. */
    @Transactional
    public void addMembers(List<java.util.Map.Entry<GroupId, PersonId>> memberships) {
        template.batchUpdate("insert into group_member (group_id, person_id) values (?, ?) on conflict do nothing",
                memberships.stream().map(m -> new Object[] {m.getKey().value(), m.getValue().value()}).toList());
    }

    @Transactional
    public void addMember(GroupId group, PersonId person) {
        jdbc.sql("insert into group_member (group_id, person_id) values (:group, :person) on conflict do nothing")
                .param("group", group.value()).param("person", person.value()).update();
    }

    @Transactional
    public void removeMember(GroupId group, PersonId person) {
        jdbc.sql("delete from group_member where group_id = :group and person_id = :person")
                .param("group", group.value()).param("person", person.value()).update();
    }

    public List<PersonDetails> people(NetworkId network) {
        return jdbc.sql("select * from person where network_id = :network order by created_at, id")
                .param("network", network.value())
                .query((rs, n) -> mapPerson(rs))
                .list();
    }

    /**
     * The network's dispatchers and coordinators: whom a new report pages. Read through a partial index (V6), so a
     * report costs the same in a network of fifty people as in one of fifty thousand families; the condition must
     * stay word for word the index's for PostgreSQL to use it.
     */
    public List<PersonDetails> dispatchersAndCoordinators(NetworkId network) {
        return jdbc.sql("""
                        select * from person where network_id = :network
                           and roles ~ '(^|,)(DISPATCHER|COORDINATOR)(,|$)'
                         order by created_at, id
                        """)
                .param("network", network.value())
                .query((rs, n) -> mapPerson(rs))
                .list();
    }

    /** The people a site's families may be put in touch with when they ask for help (role MUTUAL_AID, issue 17). */
    public List<PersonDetails> mutualAidContacts(NetworkId network, SiteId site) {
        return jdbc.sql("""
                        select * from person where network_id = :network and site_id = :site
                           and roles ~ '(^|,)MUTUAL_AID(,|$)'
                         order by created_at, id
                        """)
                .param("network", network.value()).param("site", site.value())
                .query((rs, n) -> mapPerson(rs))
                .list();
    }

    public Optional<PersonDetails> person(NetworkId network, PersonId id) {
        return jdbc.sql("select * from person where network_id = :network and id = :id")
                .param("network", network.value()).param("id", id.value())
                .query((rs, n) -> mapPerson(rs)).optional();
    }

    /** Everyone with this number, in any network (a number may be enrolled in two networks). */
    public List<PersonDetails> peopleWithPhone(PhoneNumber phone) {
        return jdbc.sql("select * from person where phone_index = :index")
                .param("index", index.phone(phone.e164()))
                .query((rs, n) -> mapPerson(rs))
                .list();
    }

    PersonDetails mapPerson(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Set<Role> roles = Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank())
                .map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        ContactPoint contact = new ContactPoint(
                new PhoneNumber(cipher.decrypt(PERSON_PHONE, id, rs.getBytes("phone_ct"))),
                SignalStatus.valueOf(rs.getString("signal_status")), rs.getBoolean("sms_opted_out"),
                rs.getBoolean("sms_unusable"), rs.getBoolean("identity_changed"));
        Optional<String> label = Optional.ofNullable(cipher.decrypt(PERSON_LABEL, id, rs.getBytes("label_ct")));
        Person person = new Person(new PersonId(id), new NetworkId(rs.getObject("network_id", UUID.class)), roles,
                Language.of(rs.getString("language")), contact, label);
        UUID site = rs.getObject("site_id", UUID.class);
        return new PersonDetails(person, Optional.ofNullable(site).map(SiteId::new),
                Optional.ofNullable(cipher.decrypt(PERSON_NAME, id, rs.getBytes("name_ct"))), rs.getBoolean("on_call"));
    }

    /**
     * The group's name from its ciphertext; a name stored in clear before V14_2 is read as it is until
     * {@link GroupNameEncryption} has moved it (at the next start).
     */
    String groupName(ResultSet rs) throws SQLException {
        byte[] stored = rs.getBytes("name_ct");
        return stored == null ? rs.getString("name")
                : cipher.decrypt(GROUP_NAME, rs.getObject("id", UUID.class), stored);
    }

    public List<PersonId> members(GroupId group) {
        return jdbc.sql("select person_id from group_member where group_id = :group")
                .param("group", group.value())
                .query((rs, n) -> new PersonId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** The whole tree of a network, decrypted: for the console and administration, not for mass fan-out. */
    public CommunicationTree tree(NetworkId networkId) {
        NetworkRecord network = network(networkId).orElseThrow();
        CommunicationTree.Builder builder = CommunicationTree.builder(network.network());
        sites(networkId).forEach(builder::site);
        List<Group> groups = groups(networkId);
        groups.forEach(builder::group);
        // streamed into the builder: a 100,000-person tree is not held twice
        jdbc.sql("select * from person where network_id = :network order by created_at, id")
                .param("network", networkId.value())
                .query(rs -> {
                    builder.person(mapPerson(rs).person());
                });
        Set<GroupId> ids = groups.stream().map(Group::id).collect(Collectors.toCollection(LinkedHashSet::new));
        jdbc.sql("""
                        select m.group_id, m.person_id from group_member m join contact_group g on g.id = m.group_id
                         where g.network_id = :network
                        """)
                .param("network", networkId.value())
                .query(rs -> {
                    GroupId group = new GroupId(rs.getObject(1, UUID.class));
                    if (ids.contains(group)) {
                        builder.member(group, new PersonId(rs.getObject(2, UUID.class)));
                    }
                });
        return builder.build();
    }

    // ---- contact state changes reported by the channels

    @Transactional
    public void markSignalStatus(PersonId person, SignalStatus status) {
        jdbc.sql("update person set signal_status = :status, signal_checked_at = :now where id = :id")
                .param("status", status.name()).param("now", Timestamp.from(clock.instant()))
                .param("id", person.value()).update();
    }

    @Transactional
    public void markIdentityChanged(PersonId person, boolean changed) {
        jdbc.sql("update person set identity_changed = :changed where id = :id")
                .param("changed", changed).param("id", person.value()).update();
    }

    @Transactional
    public void markSmsOptedOut(PersonId person, boolean optedOut) {
        jdbc.sql("update person set sms_opted_out = :out, sms_opted_out_at = :at where id = :id")
                .param("out", optedOut).param("at", optedOut ? Timestamp.from(clock.instant()) : null)
                .param("id", person.value()).update();
    }

    @Transactional
    public void markSmsUnusable(PersonId person) {
        jdbc.sql("update person set sms_unusable = true where id = :id").param("id", person.value()).update();
    }

    @Transactional
    public void recordSignalAci(PersonId person, String aci) {
        jdbc.sql("update person set signal_aci_index = :aci where id = :id")
                .param("aci", index.of("aci", aci)).param("id", person.value()).update();
    }
}
