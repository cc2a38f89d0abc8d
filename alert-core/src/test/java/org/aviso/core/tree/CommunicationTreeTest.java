package org.aviso.core.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.testing.Phones;
import org.aviso.core.testing.TestTree;
import org.junit.jupiter.api.Test;

class CommunicationTreeTest {

    private final TestTree fixture = TestTree.standard();
    private final Network network = fixture.network();

    @Test
    void knowsItsPartsAndWhoIsInWhichGroup() {
        CommunicationTree tree = fixture.tree();

        assertThat(tree.network()).isEqualTo(network);
        assertThat(tree.sites()).containsExactly(fixture.lincoln());
        assertThat(tree.site(fixture.lincoln().id())).contains(fixture.lincoln());
        assertThat(tree.groups()).hasSize(8);
        assertThat(tree.person(fixture.id("frank"))).contains(fixture.person("frank"));
        assertThat(tree.groupsOf(fixture.id("frank"))).extracting(Group::name)
                .containsExactly("Lincoln office", "Lincoln teachers");
        assertThat(tree.members(fixture.groupId("On-call dispatchers"))).extracting(Person::id)
                .containsExactly(fixture.id("ana"), fixture.id("ben"));
        assertThat(tree.groupsForSite(SiteId.random())).hasSize(4);
        assertThat(tree.groupsForSite(fixture.lincoln().id())).hasSize(8);
    }

    @Test
    void canBeBuiltFromPartsLoadedTogether() {
        CommunicationTree original = fixture.tree();
        java.util.Map<GroupId, java.util.List<PersonId>> memberships = new java.util.LinkedHashMap<>();
        original.groups().forEach(g -> memberships.put(g.id(),
                original.members(g.id()).stream().map(Person::id).toList()));
        java.util.List<Person> persons = java.util.stream.Stream.of("ana", "ben", "cruz", "dee", "eve", "nia",
                "frank", "gina", "hal", "ivy", "fam1", "fam2", "fam3").map(fixture::person).toList();

        CommunicationTree copy = CommunicationTree.of(network, original.sites(), original.groups(), persons,
                memberships);

        assertThat(copy.audienceFor(AlertKind.VERIFIED, fixture.allGroups()))
                .isEqualTo(original.audienceFor(AlertKind.VERIFIED, fixture.allGroups()));
    }

    @Test
    void aMemberIsReachedWithTheirGroupsRules() {
        Recipient frank = fixture.tree().recipientsOf(fixture.groupId("Lincoln office")).get(0);

        assertThat(frank.person()).isEqualTo(fixture.id("frank"));
        assertThat(frank.tier()).isEqualTo(Tier.SITE_LEADS);
        assertThat(frank.acknowledgementRequired()).isTrue();
        assertThat(frank.acknowledgementTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(frank.backup()).contains(fixture.groupId("Lincoln office backups"));
        assertThatThrownBy(() -> fixture.tree().recipientsOf(GroupId.random())).hasMessageContaining("unknown group");
    }

    @Test
    void rejectsBackupGroupsThatLoop() {
        GroupId a = GroupId.random();
        GroupId b = GroupId.random();
        CommunicationTree.Builder builder = CommunicationTree.builder(network)
                .group(leads(a, Optional.of(b)))
                .group(leads(b, Optional.of(a)));

        assertThatThrownBy(builder::build).hasMessageContaining("loop");
    }

    @Test
    void rejectsReferencesThatDoNotResolve() {
        assertThatThrownBy(() -> CommunicationTree.builder(network).group(leads(GroupId.random(),
                Optional.of(GroupId.random()))).build()).hasMessageContaining("unknown backup");
        assertThatThrownBy(() -> CommunicationTree.builder(network).member(GroupId.random(), PersonId.random())
                .build()).hasMessageContaining("unknown group");
        GroupId office = GroupId.random();
        assertThatThrownBy(() -> CommunicationTree.builder(network).group(leads(office, Optional.empty()))
                .member(office, PersonId.random()).build()).hasMessageContaining("unknown person");
        assertThatThrownBy(() -> CommunicationTree.builder(network).group(new Group(GroupId.random(), network.id(),
                Optional.of(SiteId.random()), "Office", Tier.STAFF, Set.of(), false, Duration.ZERO, Optional.empty(),
                ChannelMode.DIRECT)).build()).hasMessageContaining("unknown site");
    }

    @Test
    void keepsOtherNetworksOut() {
        NetworkId other = NetworkId.random();
        assertThatThrownBy(() -> CommunicationTree.builder(network).site(new Site(SiteId.random(), other, "X"))
                .build()).hasMessageContaining("another network");
        assertThatThrownBy(() -> CommunicationTree.builder(network).person(new Person(PersonId.random(), other,
                Set.of(Role.STAFF), Language.ENGLISH, ContactPoint.onSignal(Phones.next()), Optional.empty()))
                .build()).hasMessageContaining("another network");
        assertThatThrownBy(() -> CommunicationTree.builder(network).group(new Group(GroupId.random(), other,
                Optional.empty(), "X", Tier.STAFF, Set.of(AlertKind.VERIFIED), false, Duration.ZERO,
                Optional.empty(), ChannelMode.DIRECT)).build()).hasMessageContaining("another network");
    }

    private Group leads(GroupId id, Optional<GroupId> backup) {
        return new Group(id, network.id(), Optional.empty(), "Leads", Tier.SITE_LEADS, Set.of(AlertKind.VERIFIED),
                true, Duration.ofMinutes(5), backup, ChannelMode.DIRECT);
    }
}
