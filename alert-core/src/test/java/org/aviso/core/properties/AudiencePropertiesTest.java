package org.aviso.core.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Tier;
import org.junit.jupiter.api.Test;

class AudiencePropertiesTest {

    private static final List<AlertKind> INITIAL_KINDS = List.of(AlertKind.ADVISORY, AlertKind.VERIFIED,
            AlertKind.DRILL);

    @Test
    void noFamilyEverReceivesAnAdvisory() {
        Property.forAll(300, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);

            Audience advisory = tree.audienceFor(AlertKind.ADVISORY, RandomTrees.selection(gen, tree));

            assertThat(advisory.recipients()).allSatisfy(r -> {
                assertThat(r.tier()).isEqualTo(Tier.DISPATCH_AND_NETWORK);
                assertThat(tree.person(r.person()).orElseThrow().roles()).containsAnyOf(Role.DISPATCHER,
                        Role.VERIFIER);
            });
            assertThat(advisory.scope()).isEqualTo(AudienceScope.STAFF_ONLY);
        });
    }

    @Test
    void everyoneIsReachedOnceInFanOutOrderByGroupsThatReceiveTheKind() {
        Property.forAll(300, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            RandomTrees.collectSizes(gen, tree);
            AlertKind kind = gen.oneOf(INITIAL_KINDS);
            gen.note("kind: " + kind);

            Audience audience = tree.audienceFor(kind, RandomTrees.selection(gen, tree));

            assertThat(new HashSet<>(audience.personIds())).hasSize(audience.size());
            assertThat(audience.recipients()).isSortedAccordingTo(
                    java.util.Comparator.comparingInt((Recipient r) -> r.tier().priority()));
            assertThat(audience.recipients()).allSatisfy(r -> {
                assertThat(tree.group(r.group()).orElseThrow().receives(kind)).isTrue();
                if (r.tier() == Tier.FAMILIES) {
                    assertThat(r.mode()).as("families 1:1").isEqualTo(org.aviso.core.tree.ChannelMode.DIRECT);
                }
            });
            boolean families = audience.recipients().stream().anyMatch(r -> r.tier() == Tier.FAMILIES);
            if (families) {
                assertThat(audience.scope()).isEqualTo(AudienceScope.FAMILY_WIDE);
            }
        });
    }

    @Test
    void followUpsReachExactlyTheSameSet() {
        Property.forAll(300, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            Audience original = tree.audienceFor(gen.oneOf(INITIAL_KINDS), RandomTrees.selection(gen, tree));

            Audience followUp = Audience.followUp(original);
            Audience followUpOfFollowUp = Audience.followUp(followUp);

            assertThat(followUp.recipients()).isEqualTo(original.recipients());
            assertThat(followUpOfFollowUp.personIds()).containsExactlyElementsOf(original.personIds());
            assertThat(followUp.scope()).isEqualTo(original.scope());
        });
    }
}
