package org.aviso.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.aviso.core.common.GroupId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.testing.TestTree;
import org.aviso.core.tree.Tier;
import org.junit.jupiter.api.Test;

class AudienceResolverTest {

    private final TestTree fixture = TestTree.standard();

    @Test
    void advisoryReachesOnlyDispatchersAndVerifiers() {
        Audience audience = fixture.tree().audienceFor(AlertKind.ADVISORY, fixture.allGroups());

        assertThat(fixture.handles(audience.personIds())).containsExactly("ana", "ben", "cruz", "eve");
        assertThat(audience.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
    }

    @Test
    void anAdvisoryNeverReachesStaffOrSiteLeadsEvenIfTheirGroupIsSetToReceiveIt() {
        // a group's kinds are an administrator's setting; "share with verifiers only" must hold whatever it says,
        // also for a verifier who is on a school's staff: only the network's own groups carry an advisory
        org.aviso.core.tree.Network network = org.aviso.core.tree.Network.defaults(
                org.aviso.core.common.NetworkId.random(), "Westside RRN");
        org.aviso.core.tree.Site site = new org.aviso.core.tree.Site(org.aviso.core.common.SiteId.random(),
                network.id(), "Adams Middle");
        java.util.Set<AlertKind> everything = java.util.EnumSet.allOf(AlertKind.class);
        org.aviso.core.tree.Group dispatch = group(network, java.util.Optional.empty(), Tier.DISPATCH_AND_NETWORK,
                everything);
        org.aviso.core.tree.Group leads = group(network, java.util.Optional.of(site.id()), Tier.SITE_LEADS, everything);
        org.aviso.core.tree.Group staff = group(network, java.util.Optional.of(site.id()), Tier.STAFF, everything);
        var builder = org.aviso.core.tree.CommunicationTree.builder(network).site(site).group(dispatch).group(leads)
                .group(staff);
        java.util.Map<org.aviso.core.tree.Group, org.aviso.core.common.PersonId> members = new java.util.HashMap<>();
        for (org.aviso.core.tree.Group group : java.util.List.of(dispatch, leads, staff)) {
            org.aviso.core.tree.Person person = new org.aviso.core.tree.Person(org.aviso.core.common.PersonId.random(),
                    network.id(), Set.of(org.aviso.core.tree.Role.VERIFIER), org.aviso.core.common.Language.ENGLISH,
                    org.aviso.core.tree.ContactPoint.onSignal(org.aviso.core.testing.Phones.next()),
                    java.util.Optional.empty());
            builder.person(person).member(group.id(), person.id());
            members.put(group, person.id());
        }

        Audience advisory = builder.build().audienceFor(AlertKind.ADVISORY, Set.of(dispatch.id(), leads.id(),
                staff.id()));

        assertThat(advisory.personIds()).containsExactly(members.get(dispatch));
    }

    @Test
    void theFanOutOrderIsTheTiersOrderWhateverOrderTheGroupsWereCreatedIn() {
        org.aviso.core.tree.Network network = org.aviso.core.tree.Network.defaults(
                org.aviso.core.common.NetworkId.random(), "Westside RRN");
        org.aviso.core.tree.Site site = new org.aviso.core.tree.Site(org.aviso.core.common.SiteId.random(),
                network.id(), "Adams Middle");
        java.util.Set<AlertKind> verified = java.util.EnumSet.of(AlertKind.VERIFIED);
        // created families first, network last: the order an administrator might well use
        java.util.List<org.aviso.core.tree.Group> created = java.util.List.of(
                group(network, java.util.Optional.of(site.id()), Tier.FAMILIES, verified),
                group(network, java.util.Optional.of(site.id()), Tier.STAFF, verified),
                group(network, java.util.Optional.of(site.id()), Tier.SITE_LEADS, verified),
                group(network, java.util.Optional.empty(), Tier.DISPATCH_AND_NETWORK, verified));
        var builder = org.aviso.core.tree.CommunicationTree.builder(network).site(site);
        created.forEach(builder::group);
        java.util.Map<org.aviso.core.common.PersonId, Tier> tierOf = new java.util.HashMap<>();
        for (org.aviso.core.tree.Group group : created) {
            org.aviso.core.tree.Person person = new org.aviso.core.tree.Person(org.aviso.core.common.PersonId.random(),
                    network.id(), Set.of(group.tier() == Tier.FAMILIES ? org.aviso.core.tree.Role.FAMILY
                            : org.aviso.core.tree.Role.STAFF), org.aviso.core.common.Language.ENGLISH,
                    org.aviso.core.tree.ContactPoint.onSignal(org.aviso.core.testing.Phones.next()),
                    java.util.Optional.empty());
            builder.person(person).member(group.id(), person.id());
            tierOf.put(person.id(), group.tier());
        }

        Audience audience = builder.build().audienceFor(AlertKind.VERIFIED,
                created.stream().map(org.aviso.core.tree.Group::id).collect(java.util.stream.Collectors.toSet()));

        assertThat(audience.personIds()).extracting(tierOf::get).containsExactly(Tier.DISPATCH_AND_NETWORK,
                Tier.SITE_LEADS, Tier.STAFF, Tier.FAMILIES);
    }

    private static org.aviso.core.tree.Group group(org.aviso.core.tree.Network network,
            java.util.Optional<org.aviso.core.common.SiteId> site, Tier tier, java.util.Set<AlertKind> receives) {
        return new org.aviso.core.tree.Group(GroupId.random(), network.id(), site, tier.name(), tier, receives, false,
                java.time.Duration.ZERO, java.util.Optional.empty(), org.aviso.core.tree.ChannelMode.DIRECT);
    }

    @Test
    void verifiedAlertFansOutDispatchFirstThenSiteLeadsStaffAndFamilies() {
        Audience audience = fixture.tree().audienceFor(AlertKind.VERIFIED, fixture.allGroups());

        assertThat(fixture.handles(audience.personIds())).containsExactly(
                "ana", "ben", "cruz", "dee", "eve", "nia",
                "frank",
                "hal", "ivy",
                "fam1", "fam2", "fam3");
        assertThat(audience.scope()).isEqualTo(AudienceScope.FAMILY_WIDE);
    }

    @Test
    void aPersonInSeveralGroupsIsReachedOnceAtTheirHighestTier() {
        Audience audience = fixture.tree().audienceFor(AlertKind.VERIFIED, fixture.allGroups());

        Recipient frank = audience.recipients().stream().filter(r -> r.person().equals(fixture.id("frank")))
                .findFirst().orElseThrow();
        Recipient ivy = audience.recipients().stream().filter(r -> r.person().equals(fixture.id("ivy")))
                .findFirst().orElseThrow();
        assertThat(frank.tier()).isEqualTo(Tier.SITE_LEADS);
        assertThat(ivy.tier()).isEqualTo(Tier.STAFF);
        assertThat(audience.size()).isEqualTo(audience.personIds().size());
    }

    @Test
    void onlySelectedGroupsThatReceiveTheKindAreReached() {
        Audience staffOnly = fixture.tree().audienceFor(AlertKind.VERIFIED,
                Set.of(fixture.groupId("Lincoln teachers"), fixture.groupId("Lincoln office")));

        assertThat(fixture.handles(staffOnly.personIds())).containsExactly("frank", "hal", "ivy");
        assertThat(staffOnly.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
        assertThat(fixture.tree().audienceFor(AlertKind.ADVISORY, Set.of(fixture.groupId("Network members")))
                .isEmpty()).isTrue();
    }

    @Test
    void freezesBackupGroupsAndTheirBackups() {
        Audience audience = fixture.tree().audienceFor(AlertKind.VERIFIED, fixture.allGroups());

        assertThat(fixture.handlesOfRecipients(audience.backupsFor(fixture.groupId("Lincoln office backups"))))
                .containsExactly("gina");
        assertThat(audience.backupsFor(GroupId.random())).isEmpty();
    }

    @Test
    void followUpsAreNotResolvedFromTheTree() {
        assertThatThrownBy(() -> fixture.tree().audienceFor(AlertKind.ALL_CLEAR, fixture.allGroups()))
                .hasMessageContaining("Audience.followUp");
    }

    @Test
    void rejectsAnEmptyOrForeignSelection() {
        assertThatThrownBy(() -> fixture.tree().audienceFor(AlertKind.VERIFIED, Set.of()))
                .hasMessageContaining("at least one group");
        assertThatThrownBy(() -> fixture.tree().audienceFor(AlertKind.VERIFIED, Set.of(GroupId.random())))
                .hasMessageContaining("not in this network");
    }
}
