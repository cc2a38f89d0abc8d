package org.aviso.core.properties;

import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.EscalationId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationDecisions;
import org.aviso.core.escalation.EscalationEngine;
import org.aviso.core.escalation.EscalationEvent;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationSnapshot;
import org.aviso.core.escalation.EscalationStep;
import org.aviso.core.escalation.NotifyDecision;
import org.aviso.core.escalation.StopCondition;
import org.aviso.core.testing.RecipientBuilder;
import org.junit.jupiter.api.Test;

class EscalationPropertiesTest {

    @Test
    void theDecisionFunctionIsIdempotentAndNeverRepeatsARecordedStep() {
        Property.forAll(500, gen -> {
            EscalationSnapshot snapshot = randomSnapshot(gen);
            List<EscalationEvent> events = new ArrayList<>();
            Instant now = T0;
            Set<String> emitted = new LinkedHashSet<>();
            boolean stopped = false;

            int ticks = gen.between(1, 25);
            gen.collect("ticks", ticks <= 5 ? "01-05" : ticks <= 15 ? "06-15" : "16-25");
            for (int tick = 0; tick < ticks; tick++) {
                now = now.plus(gen.seconds(400));
                if (gen.chance(0.05)) {
                    events.add(randomStopEvent(gen, snapshot, now));
                }
                EscalationDecisions first = EscalationEngine.decide(snapshot, List.copyOf(events), now);
                EscalationDecisions again = EscalationEngine.decide(snapshot, List.copyOf(events), now);
                EscalationDecisions shuffled = EscalationEngine.decide(snapshot, gen.shuffled(events), now);
                assertThat(again).isEqualTo(first);
                assertThat(shuffled).isEqualTo(first);

                if (stopped) {
                    assertThat(first.stopped()).as("nothing after stop").isTrue();
                }
                stopped = first.stopped();
                for (NotifyDecision decision : first.notifications()) {
                    assertThat(emitted).as("a recorded step is never proposed again")
                            .doesNotContain(decision.stepKey());
                    assertThat(EscalationEngine.dueAt(snapshot, decision.stepKey()).orElseThrow())
                            .isBeforeOrEqualTo(now);
                }
                first.nextTickAt().ifPresent(next -> assertThat(next).isAfter(T0));
                // The caller acts on the decisions (or, sometimes, crashes before recording).
                if (gen.chance(0.9)) {
                    Set<String> steps = new LinkedHashSet<>();
                    first.notifications().forEach(d -> steps.add(d.stepKey()));
                    for (String step : steps) {
                        events.add(new EscalationEvent.StepNotified(step, now));
                        emitted.add(step);
                    }
                    assertThat(EscalationEngine.decide(snapshot, List.copyOf(events), now).notifications())
                            .as("after recording, the same tick proposes nothing").isEmpty();
                }
            }
        });
    }

    @Test
    void aRepeatingPolicyProposesAtMostOneOccurrencePerStepPerCallHoweverLate() {
        Property.forAll(300, gen -> {
            EscalationSnapshot snapshot = randomSnapshot(gen);
            Instant muchLater = T0.plus(Duration.ofDays(gen.between(1, 400)));
            gen.note("asked at " + muchLater);

            EscalationDecisions decisions = EscalationEngine.decide(snapshot, List.of(), muchLater);

            Map<String, Integer> perStepIndex = new LinkedHashMap<>();
            decisions.notifications().forEach(d -> perStepIndex.merge(
                    d.stepKey().substring(d.stepKey().indexOf('.')) + "/" + d.recipient().person(), 1,
                    Integer::sum));
            assertThat(perStepIndex.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        });
    }

    private static EscalationEvent randomStopEvent(Gen gen, EscalationSnapshot snapshot, Instant now) {
        List<Recipient> anyone = snapshot.targets().values().stream().flatMap(List::stream).toList();
        return switch (gen.between(0, 2)) {
            case 0 -> new EscalationEvent.Cancelled(now);
            case 1 -> new EscalationEvent.Claimed(gen.oneOf(anyone).person(), now);
            default -> new EscalationEvent.Acknowledged(gen.oneOf(anyone).person(), now);
        };
    }

    static EscalationSnapshot randomSnapshot(Gen gen) {
        List<String> names = List.of("on-call", "backups", "coordinators");
        Map<String, List<Recipient>> targets = new LinkedHashMap<>();
        for (String name : names) {
            List<Recipient> recipients = new ArrayList<>();
            int size = gen.between(1, 4);
            for (int i = 0; i < size; i++) {
                recipients.add(RecipientBuilder.aRecipient().build());
            }
            targets.put(name, recipients);
        }
        List<EscalationStep> steps = new ArrayList<>();
        steps.add(new EscalationStep.Notify(gen.oneOf(names), gen.oneOf(ChannelPolicy.class)));
        int middleSteps = gen.between(0, 5);
        for (int i = 0; i < middleSteps; i++) {
            steps.add(gen.chance(0.5)
                    ? new EscalationStep.Wait(Duration.ofSeconds(gen.between(1, 600)))
                    : new EscalationStep.Notify(gen.oneOf(names), gen.oneOf(ChannelPolicy.class)));
        }
        steps.add(new EscalationStep.Wait(Duration.ofSeconds(gen.between(30, 600))));
        StopCondition stop = gen.oneOf(StopCondition.class);
        int repeat = stop == StopCondition.NEVER ? gen.between(0, 3) : gen.between(-1, 3);
        gen.note("policy: " + steps + ", repeat " + repeat + ", stop " + stop);
        gen.collect("steps", steps.size());
        return EscalationSnapshot.freeze(EscalationId.random(),
                new EscalationPolicy("random", steps, repeat, stop), targets, T0);
    }
}
