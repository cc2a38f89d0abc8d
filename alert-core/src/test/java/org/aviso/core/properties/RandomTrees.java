package org.aviso.core.properties;

import java.time.Duration;
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
import org.aviso.core.common.SiteId;
import org.aviso.core.testing.Phones;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;

/** Random but valid communication trees: any tier mix, overlapping memberships, backups, unreachable people. */
final class RandomTrees {

    private RandomTrees() {
    }

    static CommunicationTree generate(Gen gen) {
        Network network = Network.defaults(NetworkId.random(), "Random network");
        CommunicationTree.Builder builder = CommunicationTree.builder(network);
        List<SiteId> sites = new ArrayList<>();
        for (int i = 0; i < gen.between(1, 3); i++) {
            Site site = new Site(SiteId.random(), network.id(), "Site " + i);
            sites.add(site.id());
            builder.site(site);
        }
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < gen.between(1, 8); i++) {
            Tier tier = gen.oneOf(Tier.class);
            Set<AlertKind> receives = gen.someOf(AlertKind.class);
            if (tier == Tier.FAMILIES) {
                receives.remove(AlertKind.ADVISORY);
            }
            boolean ack = gen.chance(0.3);
            // Backups point only at earlier groups, so they can never loop.
            Optional<GroupId> backup = !groups.isEmpty() && gen.chance(0.3)
                    ? Optional.of(gen.oneOf(groups).id()) : Optional.empty();
            ChannelMode mode = tier != Tier.FAMILIES && gen.chance(0.3) ? ChannelMode.GROUP : ChannelMode.DIRECT;
            Optional<SiteId> site = gen.chance(0.3) ? Optional.empty() : Optional.of(gen.oneOf(sites));
            Group group = new Group(GroupId.random(), network.id(), site, "Group " + i, tier,
                    receives.isEmpty() ? EnumSet.noneOf(AlertKind.class) : receives, ack,
                    ack ? Duration.ofMinutes(gen.between(1, 10)) : Duration.ZERO, backup, mode);
            groups.add(group);
            builder.group(group);
        }
        for (int i = 0; i < gen.between(1, 40); i++) {
            Set<Role> roles = gen.someOf(Role.class);
            if (roles.isEmpty()) {
                roles = EnumSet.of(Role.FAMILY);
            }
            ContactPoint contact = new ContactPoint(Phones.next(), gen.oneOf(SignalStatus.class), gen.chance(0.1),
                    gen.chance(0.05), gen.chance(0.05));
            Person person = new Person(PersonId.random(), network.id(), roles,
                    gen.oneOf(List.of(Language.ENGLISH, Language.SPANISH, Language.of("vi"))), contact,
                    Optional.empty());
            builder.person(person);
            for (int m = 0; m < gen.between(1, 3); m++) {
                builder.member(gen.oneOf(groups).id(), person.id());
            }
        }
        return builder.build();
    }

    /** A random non-empty selection of the tree's groups. */
    static Set<GroupId> selection(Gen gen, CommunicationTree tree) {
        List<GroupId> all = tree.groups().stream().map(Group::id).toList();
        List<GroupId> chosen = gen.someOf(all);
        return Set.copyOf(chosen.isEmpty() ? List.of(gen.oneOf(all)) : chosen);
    }
}
