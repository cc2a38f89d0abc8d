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
