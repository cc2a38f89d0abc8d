package org.aviso.core.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.AudienceResolver;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;

/**
 * A network's sites, groups and memberships, checked as a whole: everything belongs to the one network, every
 * reference resolves, and backup groups do not loop (a loop would page the same people around in circles).
 * Immutable; build one with {@link #builder(Network)}.
 */
public final class CommunicationTree {

    private final Network network;
    private final Map<SiteId, Site> sites;
    private final Map<GroupId, Group> groups;
    private final Map<PersonId, Person> persons;
    private final Map<GroupId, List<PersonId>> members;

    private CommunicationTree(Builder builder) {
        this.network = builder.network;
        this.sites = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sites));
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(builder.groups));
        this.persons = Collections.unmodifiableMap(new LinkedHashMap<>(builder.persons));
        Map<GroupId, List<PersonId>> copy = new LinkedHashMap<>();
        builder.members.forEach((group, ids) -> copy.put(group, List.copyOf(ids)));
        this.members = Collections.unmodifiableMap(copy);
        validate();
    }

    public static Builder builder(Network network) {
        return new Builder(network);
    }

    /** A tree from parts loaded together, e.g. by a repository: memberships map each group to its members in order. */
    public static CommunicationTree of(Network network, Collection<Site> sites, Collection<Group> groups,
            Collection<Person> persons, Map<GroupId, ? extends Collection<PersonId>> memberships) {
        Builder builder = builder(network);
        Checks.noNulls(sites, "sites").forEach(builder::site);
        Checks.noNulls(groups, "groups").forEach(builder::group);
        Checks.noNulls(persons, "persons").forEach(builder::person);
        Checks.required(memberships, "memberships")
                .forEach((group, members) -> Checks.noNulls(members, "members").forEach(p -> builder.member(group, p)));
        return builder.build();
    }

    private void validate() {
        for (Site site : sites.values()) {
            requireSameNetwork(site.network().equals(network.id()), "site");
        }
        for (Group group : groups.values()) {
            requireSameNetwork(group.network().equals(network.id()), "group");
            group.site().ifPresent(site -> {
                if (!sites.containsKey(site)) {
                    throw new IllegalArgumentException("group " + group.name() + " belongs to an unknown site");
                }
            });
            group.backup().ifPresent(backup -> {
                if (!groups.containsKey(backup)) {
                    throw new IllegalArgumentException("group " + group.name() + " has an unknown backup group");
                }
            });
        }
        for (Person person : persons.values()) {
            requireSameNetwork(person.network().equals(network.id()), "person");
        }
        members.forEach((group, ids) -> {
            if (!groups.containsKey(group)) {
                throw new IllegalArgumentException("membership refers to an unknown group");
            }
            if (!persons.keySet().containsAll(ids)) {
                throw new IllegalArgumentException("group " + groups.get(group).name() + " lists an unknown person");
            }
        });
        groups.values().forEach(this::rejectBackupLoop);
    }

    private void requireSameNetwork(boolean same, String what) {
        if (!same) {
            throw new IllegalArgumentException("a " + what + " of another network cannot be in this tree");
        }
    }

    private void rejectBackupLoop(Group start) {
        Set<GroupId> visited = new HashSet<>();
        Optional<Group> current = Optional.of(start);
        while (current.isPresent()) {
            if (!visited.add(current.get().id())) {
                throw new IllegalArgumentException("backup groups form a loop starting at " + start.name());
            }
            current = current.get().backup().map(groups::get);
        }
    }

    public Network network() {
        return network;
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public Optional<Site> site(SiteId id) {
        return Optional.ofNullable(sites.get(id));
    }

    /** All groups in the order they were added; the resolver keeps that order within a tier. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public Optional<Group> group(GroupId id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Optional<Person> person(PersonId id) {
        return Optional.ofNullable(persons.get(id));
    }

    public List<Person> members(GroupId group) {
        return members.getOrDefault(group, List.of()).stream().map(persons::get).toList();
    }

    public List<Group> groupsOf(PersonId person) {
        List<Group> result = new ArrayList<>();
        members.forEach((group, ids) -> {
            if (ids.contains(person)) {
                result.add(groups.get(group));
            }
        });
        return result;
    }

    /** The groups a site's alert would normally select: the site's own groups and the network-wide ones. */
    public Set<GroupId> groupsForSite(SiteId site) {
        Set<GroupId> result = new LinkedHashSet<>();
        for (Group group : groups.values()) {
            if (group.site().isEmpty() || group.site().get().equals(site)) {
                result.add(group.id());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /** The members of a group as recipients, e.g. to freeze an escalation target or a backup group. */
    public List<Recipient> recipientsOf(GroupId groupId) {
        Group group = group(groupId).orElseThrow(() -> new IllegalArgumentException("unknown group"));
        return members(groupId).stream().map(person -> recipient(person, group)).toList();
    }

    /** A person as reached through a group: the group decides tier, mode, acknowledgement and backup. */
    public Recipient recipient(Person person, Group group) {
        return new Recipient(person.id(), group.id(), group.tier(), person.language(), person.contact(), group.mode(),
                group.acknowledgementRequired(), group.acknowledgementTimeout(), group.backup());
    }

    /** Who an alert of this kind reaches among the selected groups; see {@link AudienceResolver}. */
    public Audience audienceFor(AlertKind kind, Set<GroupId> selectedGroups) {
        return AudienceResolver.resolve(this, kind, selectedGroups);
    }

    /** Collects the parts of a tree; {@link #build()} checks them together. */
    public static final class Builder {
        private final Network network;
        private final Map<SiteId, Site> sites = new LinkedHashMap<>();
        private final Map<GroupId, Group> groups = new LinkedHashMap<>();
        private final Map<PersonId, Person> persons = new LinkedHashMap<>();
        private final Map<GroupId, Set<PersonId>> members = new LinkedHashMap<>();

        private Builder(Network network) {
            this.network = Checks.required(network, "network");
        }

        public Builder site(Site site) {
            sites.put(Checks.required(site, "site").id(), site);
            return this;
        }

        public Builder group(Group group) {
            groups.put(Checks.required(group, "group").id(), group);
            return this;
        }

        public Builder person(Person person) {
            persons.put(Checks.required(person, "person").id(), person);
            return this;
        }

        /** Adds a person to a group; adding them twice keeps one membership. */
        public Builder member(GroupId group, PersonId person) {
            Checks.required(group, "group id");
            Checks.required(person, "person id");
            members.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(person);
            return this;
        }

        public CommunicationTree build() {
            return new CommunicationTree(this);
        }
    }
}
