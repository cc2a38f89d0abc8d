package org.aviso.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.aviso.core.tree.CommunicationTree;
import org.junit.jupiter.api.Test;

/** The property runner does what a property test needs: shrinks, reproduces, counts discards, reaches its sizes. */
class PropertyHarnessTest {

    @Test
    void aFailingCaseIsShrunkToTheSmallestThatStillFails() {
        assertThatThrownBy(() -> Property.forAll(200, gen -> {
            CommunicationTree tree = RandomTrees.generate(gen);
            int people = (int) tree.groups().stream().flatMap(g -> tree.members(g.id()).stream()).distinct().count();
            gen.note("people: " + people);
            assertThat(people).as("a false claim: every tree has fewer than 12 people").isLessThan(12);
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rerun with -Daviso.seed=")
                .hasMessageContaining("Property.replay(List.of(")
                .hasMessageContaining("people: 12\n");
    }

    @Test
    void theShrunkChoicesReplayTheShrunkCase() {
        List<Integer> failing = new ArrayList<>();
        try {
            Property.forAll(200, gen -> {
                int a = gen.between(0, 1_000);
                int b = gen.between(0, 1_000);
                gen.note("a=" + a + " b=" + b);
                assertThat(a + b).isLessThan(700);
            });
        } catch (AssertionError failure) {
            String message = failure.getMessage();
            // fewer choices is simpler: b = 0 reads the same as no second choice at all
            assertThat(message).contains("a=700 b=0");
            String list = message.substring(message.indexOf("List.of(") + 8, message.indexOf("), ...)"));
            for (String choice : list.split(", ")) {
                failing.add(Integer.parseInt(choice));
            }
        }
        List<String> replayed = new ArrayList<>();
        Property.replay(failing, gen -> replayed.add(gen.between(0, 1_000) + "+" + gen.between(0, 1_000)));

        assertThat(replayed).containsExactly("700+0");
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();

        Property.forAll(50, gen -> first.add(gen.between(0, 1_000_000)));
        Property.forAll(50, gen -> second.add(gen.between(0, 1_000_000)));

        assertThat(first).hasSize(50).isEqualTo(second);
        assertThat(first.subList(0, 2)).as("the two edge cases").containsExactly(0, 1_000_000);
        assertThat(first.stream().distinct().count()).isGreaterThan(45);
    }

    @Test
    void tooManyDiscardedCasesFailTheRun() {
        assertThatThrownBy(() -> Property.forAll(100, gen -> Property.assume(gen.chance(0.8))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("were discarded, more than 5%");

        Property.Report fine = Property.forAll(100, gen -> Property.assume(gen.between(0, 99) != 50));
        assertThat(fine.discarded()).isBetween(0, 5);
    }

    @Test
    void treesReachEverySizeTheyClaimUpToSixtyPeople() {
        Property.Report report = Property.forAll(600, gen -> RandomTrees.collectSizes(gen, RandomTrees.generate(gen)));

        assertThat(report.statistic("people")).containsOnlyKeys("01-10", "11-20", "21-30", "31-40", "41-50", "51-60")
                .allSatisfy((bucket, count) -> assertThat(count).as(bucket).isGreaterThanOrEqualTo(60));
        assertThat(report.statistic("groups")).containsKeys("1", "8");
        assertThat(report.discarded()).isZero();
    }
}
