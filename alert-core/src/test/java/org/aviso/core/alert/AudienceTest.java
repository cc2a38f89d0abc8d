package org.aviso.core.alert;

import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.RecipientBuilder.aRecipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PersonId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.junit.jupiter.api.Test;

class AudienceTest {

    @Test
    void ordersByTierKeepingResolutionOrderWithinATier() {
        Recipient family = aFamily().build();
        Recipient teacherA = aRecipient().tier(Tier.STAFF).build();
        Recipient lead = aRecipient().tier(Tier.SITE_LEADS).build();
        Recipient teacherB = aRecipient().tier(Tier.STAFF).build();
        Recipient dispatcher = aRecipient().tier(Tier.DISPATCH_AND_NETWORK).build();

        Audience audience = Audience.of(List.of(family, teacherA, lead, teacherB, dispatcher));

        assertThat(audience.recipients()).containsExactly(dispatcher, lead, teacherA, teacherB, family);
        assertThat(audience.scope()).isEqualTo(AudienceScope.FAMILY_WIDE);
        assertThat(audience.inTier(Tier.STAFF)).containsExactly(teacherA, teacherB);
    }

    @Test
    void keepsEachPersonOnceAtTheirHighestTier() {
        PersonId ivy = PersonId.random();
        Recipient asFamily = aFamily().person(ivy).build();
        Recipient asStaff = aRecipient().person(ivy).tier(Tier.STAFF).build();

        Audience audience = Audience.of(List.of(asFamily, asStaff));

        assertThat(audience.recipients()).containsExactly(asStaff);
        assertThat(audience.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
        assertThatThrownBy(() -> new Audience(List.of(asFamily, asStaff), AudienceScope.FAMILY_WIDE, Map.of()))
                .hasMessageContaining("once");
    }

    @Test
    void anAudienceWithFamiliesIsFamilyWide() {
        assertThatThrownBy(() -> new Audience(List.of(aFamily().build()), AudienceScope.STAFF_ONLY, Map.of()))
                .hasMessageContaining("family-wide");
    }

    @Test
    void followUpReachesExactlyThePreviousRecipients() {
        Audience original = Audience.of(List.of(aRecipient().build(), aFamily().build()));

        Audience followUp = Audience.followUp(original);

        assertThat(followUp.recipients()).isEqualTo(original.recipients());
        assertThat(followUp.scope()).isEqualTo(original.scope());
    }

    @Test
    void addingCoveringBackupsKeepsExistingEntriesAndWidensScopeIfNeeded() {
        Recipient teacher = aRecipient().build();
        Audience original = Audience.of(List.of(teacher));
        Recipient backup = aRecipient().tier(Tier.SITE_LEADS).build();

        Audience widened = original.plus(List.of(backup, aRecipient().person(teacher.person()).build()));

        assertThat(widened.recipients()).containsExactly(backup, teacher);
        assertThat(original.plus(List.of(aFamily().build())).scope()).isEqualTo(AudienceScope.FAMILY_WIDE);
    }

    @Test
    void countsForTheConsole() {
        Audience audience = Audience.of(List.of(
                aRecipient().build(),
                aRecipient().signal(SignalStatus.UNKNOWN).build(),
                aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build(),
                aFamily().signal(SignalStatus.NOT_ON_SIGNAL).smsOptedOut().build()));

        assertThat(audience.countsByTier()).containsEntry(Tier.STAFF, 2).containsEntry(Tier.FAMILIES, 2)
                .containsEntry(Tier.SITE_LEADS, 0).containsEntry(Tier.DISPATCH_AND_NETWORK, 0);
        assertThat(audience.countsByPreferredChannel()).containsEntry(Channel.SIGNAL, 2)
                .containsEntry(Channel.SMS, 1);
        assertThat(audience.unreachableCount()).isEqualTo(1);
        assertThat(audience.contains(audience.recipients().get(0).person())).isTrue();
        assertThat(audience.contains(PersonId.random())).isFalse();
    }

    @Test
    void addingStaffKeepsAStaffOnlyAudienceStaffOnly() {
        Audience staff = Audience.of(List.of(aRecipient().build()));

        assertThat(staff.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
        assertThat(staff.plus(List.of(aRecipient().tier(Tier.SITE_LEADS).build())).scope())
                .isEqualTo(AudienceScope.STAFF_ONLY);
    }
}
