package org.aviso.core.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aviso.core.common.PersonId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.quorum.Quorum;
import org.aviso.core.quorum.QuorumPolicy;
import org.aviso.core.quorum.QuorumResult;
import org.junit.jupiter.api.Test;

class QuorumPropertiesTest {

    @Test
    void onePersonCannotMeetAQuorumTwice() {
        Property.forAll(1_000, gen -> {
            QuorumPolicy policy = new QuorumPolicy(gen.between(2, 5), gen.between(1, 4));
            AudienceScope scope = gen.oneOf(AudienceScope.class);
            List<PersonId> pool = new ArrayList<>();
            int poolSize = gen.between(1, 6);
            for (int i = 0; i < poolSize; i++) {
                pool.add(PersonId.random());
            }
            PersonId sender = gen.chance(0.7) ? gen.oneOf(pool) : PersonId.random();
            List<PersonId> confirmations = new ArrayList<>();
            int confirmationCount = gen.between(0, 12);
            for (int i = 0; i < confirmationCount; i++) {
                confirmations.add(gen.oneOf(pool));
            }
            gen.note(policy + " " + scope + ", sender " + (pool.contains(sender) ? "in the pool" : "outside")
                    + ", confirmations by pool index " + confirmations.stream().map(pool::indexOf).toList());
            gen.collect("distinct confirmers", new HashSet<>(confirmations).size());

            QuorumResult result = Quorum.evaluate(policy, scope, sender, confirmations);
            QuorumResult withoutDuplicates = Quorum.evaluate(policy, scope, sender,
                    List.copyOf(new HashSet<>(confirmations)));

            Set<PersonId> distinct = new HashSet<>(confirmations);
            boolean senderAlone = distinct.isEmpty() || distinct.equals(Set.of(sender));
            boolean expected = distinct.size() >= policy.needed(scope)
                    && !(scope == AudienceScope.FAMILY_WIDE && senderAlone);
            assertThat(result.met()).isEqualTo(expected);
            assertThat(result.distinct()).isEqualTo(distinct.size());
            assertThat(result).as("repeating a confirmation changes nothing").isEqualTo(withoutDuplicates);
            if (distinct.size() == 1) {
                assertThat(Quorum.evaluate(policy, AudienceScope.FAMILY_WIDE, sender, confirmations).met())
                        .as("one person alone never meets a family-wide quorum").isFalse();
            }
        });
    }
}
