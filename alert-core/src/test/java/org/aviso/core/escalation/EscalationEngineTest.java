package org.aviso.core.escalation;

import static org.aviso.core.testing.RecipientBuilder.aRecipient;
import static org.aviso.core.testing.TestClock.T0;
import static org.aviso.core.testing.TestClock.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.EscalationId;
import org.aviso.core.common.PersonId;
import org.aviso.core.escalation.EscalationEvent.Acknowledged;
import org.aviso.core.escalation.EscalationEvent.Cancelled;
import org.aviso.core.escalation.EscalationEvent.Claimed;
import org.aviso.core.escalation.EscalationEvent.StepNotified;
import org.aviso.core.escalation.EscalationStep.Notify;
import org.aviso.core.escalation.EscalationStep.Wait;
import org.junit.jupiter.api.Test;

class EscalationEngineTest {

    private final Recipient lead = aRecipient().build();
    private final Recipient backup = aRecipient().build();

    private EscalationSnapshot snapshot(int repeat, StopCondition stop) {
        EscalationPolicy policy = new EscalationPolicy("lead then backup", List.of(
                new Notify("lead", ChannelPolicy.SIGNAL_THEN_SMS),
                new Wait(minutes(5)),
                new Notify("backup", ChannelPolicy.SIGNAL_AND_SMS)), repeat, stop);
        return EscalationSnapshot.freeze(EscalationId.random(), policy,
                Map.of("lead", List.of(lead), "backup", List.of(backup)), T0);
    }

    @Test
    void aPolicyThatRunsOnceEndsAfterItsLastStep() {
        EscalationSnapshot once = snapshot(0, StopCondition.ACKNOWLEDGED);

        EscalationDecisions atFive = EscalationEngine.decide(once, List.of(new StepNotified("r0.s0", T0)),
                T0.plus(minutes(5)));
        assertThat(atFive.notifications()).extracting(NotifyDecision::recipient).containsExactly(backup);
        assertThat(atFive.nextTickAt()).isEmpty();
        assertThat(atFive.stopped()).as("not before the caller records the last step").isFalse();

        EscalationDecisions done = EscalationEngine.decide(once, List.of(new StepNotified("r0.s0", T0),
                new StepNotified("r0.s2", T0.plus(minutes(5)))), T0.plus(minutes(6)));
        assertThat(done.stopped()).isTrue();
        assertThat(done.stopReason()).isEqualTo(EscalationEngine.COMPLETED);
    }

    @Test
    void aBoundedRepeatRunsTheListOneMoreTimePerRepeat() {
        EscalationSnapshot twice = snapshot(1, StopCondition.NEVER);

        EscalationDecisions later = EscalationEngine.decide(twice, List.of(), T0.plus(Duration.ofHours(1)));

        assertThat(later.notifications()).extracting(NotifyDecision::stepKey).containsExactly("r1.s0", "r1.s2");
        assertThat(later.nextTickAt()).isEmpty();
    }

    @Test
    void anAcknowledgementStopsAPolicyThatStopsOnAcknowledgement() {
        EscalationDecisions decisions = EscalationEngine.decide(snapshot(-1, StopCondition.ACKNOWLEDGED),
                List.of(new Acknowledged(lead.person(), T0.plusSeconds(30))), T0.plus(minutes(5)));

        assertThat(decisions.stopped()).isTrue();
        assertThat(decisions.stopReason()).isEqualTo(EscalationEngine.ACKNOWLEDGED);
    }

    @Test
    void aClaimDoesNotStopAPolicyThatStopsOnlyOnAcknowledgement() {
        EscalationDecisions decisions = EscalationEngine.decide(snapshot(-1, StopCondition.ACKNOWLEDGED),
                List.of(new Claimed(PersonId.random(), T0)), T0);

        assertThat(decisions.stopped()).isFalse();
        assertThat(decisions.notifications()).hasSize(1);
    }

    @Test
    void cancellationAlwaysStops() {
        EscalationDecisions decisions = EscalationEngine.decide(snapshot(0, StopCondition.NEVER),
                List.of(new Cancelled(T0)), T0);

        assertThat(decisions.stopped()).isTrue();
        assertThat(decisions.stopReason()).isEqualTo(EscalationEngine.CANCELLED);
    }

    @Test
    void nothingIsDueBeforeTheStart() {
        EscalationDecisions early = EscalationEngine.decide(snapshot(0, StopCondition.NEVER), List.of(),
                T0.minusSeconds(1));

        assertThat(early.notifications()).isEmpty();
        assertThat(early.nextTickAt()).contains(T0);
    }

    @Test
    void tellsWhenAStepOccurrenceIsDue() {
        EscalationSnapshot snapshot = snapshot(-1, StopCondition.CLAIMED);

        assertThat(EscalationEngine.dueAt(snapshot, "r0.s2")).contains(T0.plus(minutes(5)));
        assertThat(EscalationEngine.dueAt(snapshot, "r2.s0")).contains(T0.plus(minutes(10)));
        assertThat(EscalationEngine.dueAt(snapshot, "r0.s9")).isEmpty();
        assertThat(EscalationEngine.dueAt(snapshot, "nonsense")).isEmpty();
        assertThat(EscalationEngine.dueAt(snapshot(0, StopCondition.NEVER), "r1.s0")).isEmpty();
    }

    @Test
    void aSingleRoundWithoutWaitsNotifiesEveryoneAtOnce() {
        EscalationPolicy allAtOnce = new EscalationPolicy("all", List.of(
                new Notify("lead", ChannelPolicy.SIGNAL_THEN_SMS), new Notify("backup", ChannelPolicy.SMS_ONLY)),
                0, StopCondition.NEVER);
        EscalationSnapshot snapshot = EscalationSnapshot.freeze(EscalationId.random(), allAtOnce,
                Map.of("lead", List.of(lead), "backup", List.of(backup)), T0);

        assertThat(EscalationEngine.decide(snapshot, List.of(), T0.plus(minutes(3))).notifications())
                .extracting(NotifyDecision::stepKey).containsExactly("r0.s0", "r0.s1");
    }

    @Test
    void policiesMustBeAbleToEnd() {
        List<EscalationStep> steps = List.of(new Notify("lead", ChannelPolicy.SIGNAL_THEN_SMS), new Wait(minutes(1)));

        assertThatThrownBy(() -> new EscalationPolicy("p", steps, -1, StopCondition.NEVER))
                .hasMessageContaining("stop condition");
        assertThatThrownBy(() -> new EscalationPolicy("p", List.of(new Notify("lead", ChannelPolicy.SMS_ONLY)), 3,
                StopCondition.CLAIMED)).hasMessageContaining("needs a wait");
        assertThatThrownBy(() -> new EscalationPolicy("p", List.of(new Wait(minutes(1))), 0, StopCondition.NEVER))
                .hasMessageContaining("notify step");
        assertThatThrownBy(() -> new EscalationPolicy("p", steps, -2, StopCondition.CLAIMED))
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> new Wait(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void aSnapshotMustResolveEveryTarget() {
        EscalationPolicy policy = snapshot(0, StopCondition.NEVER).policy();

        assertThatThrownBy(() -> EscalationSnapshot.freeze(EscalationId.random(), policy,
                Map.of("lead", List.of(lead)), T0)).hasMessageContaining("backup was not resolved");
        assertThat(snapshot(0, StopCondition.NEVER).target("nobody")).isEmpty();
    }

    @Test
    void decisionsAreInternallyConsistent() {
        assertThatThrownBy(() -> new EscalationDecisions(List.of(), Optional.of(T0), true, "done"))
                .hasMessageContaining("decides nothing more");
        assertThatThrownBy(() -> new EscalationDecisions(List.of(), Optional.empty(), true, ""))
                .hasMessageContaining("says why");
        assertThatThrownBy(() -> new EscalationDecisions(List.of(), Optional.empty(), false, "why"))
                .hasMessageContaining("says why");
    }

    @Test
    void aStepKeyJustPastTheLastStepIsNoStep() {
        EscalationSnapshot snapshot = snapshot(-1, StopCondition.CLAIMED);
        int steps = snapshot.policy().steps().size();

        assertThat(EscalationEngine.dueAt(snapshot, "r0.s" + (steps - 1))).isPresent();
        assertThat(EscalationEngine.dueAt(snapshot, "r0.s" + steps)).isEmpty();
    }
}
