package org.aviso.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.aviso.core.common.PersonId;
import org.junit.jupiter.api.Test;

class QuorumTest {

    private final QuorumPolicy defaults = QuorumPolicy.defaults();
    private final PersonId sender = PersonId.random();
    private final PersonId second = PersonId.random();
    private final PersonId third = PersonId.random();

    @Test
    void familyWideAlertNeedsTwoDistinctPeopleByDefault() {
        QuorumResult result = Quorum.evaluate(defaults, AudienceScope.FAMILY_WIDE, sender, List.of(sender, second));

        assertThat(result.met()).isTrue();
        assertThat(result.distinct()).isEqualTo(2);
        assertThat(result.needed()).isEqualTo(2);
        assertThat(result.missing()).isZero();
        assertThat(result.reason()).isEmpty();
    }

    @Test
    void onePersonConfirmingTwiceCountsOnce() {
        QuorumResult result = Quorum.evaluate(defaults, AudienceScope.FAMILY_WIDE, sender, List.of(second, second));

        assertThat(result.met()).isFalse();
        assertThat(result.distinct()).isEqualTo(1);
        assertThat(result.missing()).isEqualTo(1);
    }

    @Test
    void senderCannotBeTheOnlyApproverOfAFamilyWideAlert() {
        QuorumResult result = Quorum.evaluate(defaults, AudienceScope.FAMILY_WIDE, sender, List.of(sender, sender));

        assertThat(result.met()).isFalse();
        assertThat(result.reason()).contains("the sender cannot be the only approver of a family-wide alert");
    }

    @Test
    void staffOnlyAlertMayGoOutOnTheVerifyingDispatchersWordAlone() {
        QuorumResult result = Quorum.evaluate(defaults, AudienceScope.STAFF_ONLY, sender, List.of(sender));

        assertThat(result.met()).isTrue();
        assertThat(result.needed()).isEqualTo(1);
    }

    @Test
    void nobodyConfirmingMeetsNothing() {
        QuorumResult result = Quorum.evaluate(defaults, AudienceScope.STAFF_ONLY, sender, List.of());

        assertThat(result.met()).isFalse();
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.reason()).isEmpty();
    }

    @Test
    void aStricterNetworkNeedsMorePeople() {
        QuorumPolicy strict = new QuorumPolicy(3, 2);

        assertThat(Quorum.evaluate(strict, AudienceScope.FAMILY_WIDE, sender, List.of(sender, second)).missing())
                .isEqualTo(1);
        assertThat(Quorum.evaluate(strict, AudienceScope.FAMILY_WIDE, sender, List.of(sender, second, third)).met())
                .isTrue();
        assertThat(Quorum.evaluate(strict, AudienceScope.STAFF_ONLY, sender, List.of(second, third)).met()).isTrue();
    }

    @Test
    void policyRefusesAFamilyWideQuorumOfOne() {
        assertThatThrownBy(() -> new QuorumPolicy(1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sender cannot be the only");
        assertThatThrownBy(() -> new QuorumPolicy(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingConfirmations() {
        assertThatThrownBy(() -> Quorum.evaluate(defaults, AudienceScope.FAMILY_WIDE, sender, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quorum.evaluate(defaults, AudienceScope.FAMILY_WIDE, sender,
                java.util.Arrays.asList(second, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsStayInternallyConsistent() {
        assertThatThrownBy(() -> new QuorumResult(true, 1, 2, 1, java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuorumResult(false, 1, 2, 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuorumResult(false, -1, 2, 1, java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
