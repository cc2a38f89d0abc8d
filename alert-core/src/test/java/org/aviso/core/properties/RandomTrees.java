package org.aviso.core.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.testing.Phones;
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

/**
 * Random but valid communication trees: 1 to 3 sites, 1 to 8 groups of any tier, 1 to {@value #MOST_PEOPLE} people
 * in 1 to 3 groups each, backups, unreachable people. Each count is drawn once, so every size in its range really
 * comes up (see {@link #collectSizes}). The first group is staff of the first site, receives every alert kind but
 * ADVISORY, and has the first person, who is reachable: every tree can be alerted.
 */
final class RandomTrees {

    static final int MOST_PEOPLE = 60;

    private RandomTrees() {
    }

    static CommunicationTree generate(Gen gen) {
        Network network = Network.defaults(NetworkId.random(), "Random network");
        CommunicationTree.Builder builder = CommunicationTree.builder(network);
        List<SiteId> sites = new ArrayList<>();
        int siteCount = gen.between(1, 3);
        for (int i = 0; i < siteCount; i++) {
            Site site = new Site(SiteId.random(), network.id(), "Site " + i);
            sites.add(site.id());
            builder.site(site);
        }
        List<Group> groups = new ArrayList<>();
        Group first = new Group(GroupId.random(), network.id(), Optional.of(sites.get(0)), "Group 0", Tier.STAFF,
                EnumSet.complementOf(EnumSet.of(AlertKind.ADVISORY)), false, Duration.ZERO, Optional.empty(),
                ChannelMode.DIRECT);
        groups.add(first);
        builder.group(first);
        int groupCount = gen.between(1, 8);
        for (int i = 1; i < groupCount; i++) {
            Tier tier = gen.oneOf(Tier.class);
            Set<AlertKind> receives = gen.someOf(AlertKind.class);
            if (tier == Tier.FAMILIES) {
                receives.remove(AlertKind.ADVISORY);
            }
            boolean ack = gen.chance(0.3);
            // Backups point only at earlier groups, so they can never loop.
            Optional<GroupId> backup = gen.chance(0.3) ? Optional.of(gen.oneOf(groups).id()) : Optional.empty();
            ChannelMode mode = tier != Tier.FAMILIES && gen.chance(0.3) ? ChannelMode.GROUP : ChannelMode.DIRECT;
            Optional<SiteId> site = gen.chance(0.3) ? Optional.empty() : Optional.of(gen.oneOf(sites));
            Group group = new Group(GroupId.random(), network.id(), site, "Group " + i, tier,
                    receives.isEmpty() ? EnumSet.noneOf(AlertKind.class) : receives, ack,
                    ack ? Duration.ofMinutes(gen.between(1, 10)) : Duration.ZERO, backup, mode);
            groups.add(group);
            builder.group(group);
        }
        int people = gen.between(1, MOST_PEOPLE);
        for (int i = 0; i < people; i++) {
            Set<Role> roles = gen.someOf(Role.class);
            if (roles.isEmpty()) {
                roles = EnumSet.of(Role.FAMILY);
            }
            ContactPoint contact = i == 0
                    ? new ContactPoint(Phones.next(), SignalStatus.ON_SIGNAL, false, false, false)
                    : new ContactPoint(Phones.next(), gen.oneOf(SignalStatus.class), gen.chance(0.1),
                            gen.chance(0.05), gen.chance(0.05));
            Person person = new Person(PersonId.random(), network.id(), roles,
                    gen.oneOf(List.of(Language.ENGLISH, Language.SPANISH, Language.of("vi"))), contact,
                    Optional.empty());
            builder.person(person);
            if (i == 0) {
                builder.member(first.id(), person.id());
            }
            int memberships = gen.between(1, 3);
            for (int m = 0; m < memberships; m++) {
                builder.member(gen.oneOf(groups).id(), person.id());
            }
        }
        CommunicationTree tree = builder.build();
        gen.note("tree: " + describe(tree));
        return tree;
    }

    /** A random non-empty selection of the tree's groups. */
    static Set<GroupId> selection(Gen gen, CommunicationTree tree) {
        List<GroupId> all = tree.groups().stream().map(Group::id).toList();
        List<GroupId> chosen = gen.someOf(all);
        Set<GroupId> selection = Set.copyOf(chosen.isEmpty() ? List.of(gen.oneOf(all)) : chosen);
        gen.note("selected: " + selection.stream().map(id -> tree.group(id).orElseThrow().name()).sorted()
                .collect(Collectors.joining(", ")));
        return selection;
    }

    /** A random selection that includes the first group, so an alert of any kind but ADVISORY reaches someone. */
    static Set<GroupId> selectionReachingSomeone(Gen gen, CommunicationTree tree) {
        List<GroupId> all = tree.groups().stream().map(Group::id).toList();
        Set<GroupId> selection = new java.util.HashSet<>(gen.someOf(all.subList(1, all.size())));
        selection.add(all.get(0));
        gen.note("selected: Group 0 and " + (selection.size() - 1) + " more");
        return Set.copyOf(selection);
    }

    /** How big the tree is, counted per case: people and groups, in buckets of ten people. */
    static void collectSizes(Gen gen, CommunicationTree tree) {
        int people = (int) tree.groups().stream().flatMap(g -> tree.members(g.id()).stream()).distinct().count();
        int low = (people - 1) / 10 * 10 + 1;
        gen.collect("people", String.format("%02d-%02d", low, low + 9));
        gen.collect("groups", tree.groups().size());
    }

    /** The tree in a line per group: what a failing case's report shows. */
    static String describe(CommunicationTree tree) {
        StringBuilder text = new StringBuilder(tree.groups().size() + " groups");
        for (Group group : tree.groups()) {
            List<Person> members = tree.members(group.id());
            text.append("\n    ").append(group.name()).append(' ').append(group.tier()).append(' ')
                    .append(group.mode()).append(" receives ").append(group.receives())
                    .append(group.acknowledgementRequired() ? " ack " + group.acknowledgementTimeout() : "")
                    .append(group.backup().map(b -> " backup " + tree.group(b).orElseThrow().name()).orElse(""))
                    .append(": ").append(members.stream().map(p -> p.roles() + "/" + p.contact().signal()
                            + (p.contact().reachable() ? "" : "/unreachable")).collect(Collectors.joining(" ")));
        }
        return text.toString();
    }
}
