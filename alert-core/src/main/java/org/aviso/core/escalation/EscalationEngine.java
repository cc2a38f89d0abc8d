package org.aviso.core.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;

/**
 * Decides what an escalation does at a given moment, from its snapshot and the events so far.
 *
 * <p>The schedule is derived from {@code startedAt} and the waits, never from when the last tick happened: step
 * {@code i} of round {@code r} is due at {@code startedAt + r * roundDuration + (waits before i)}. A late tick therefore
 * catches up, but for each step it proposes only the latest occurrence that is due: after an outage, the on-call
 * dispatcher gets one page, not one per missed round. That also bounds the work of one call to one occurrence per
 * notify step, however long a policy that repeats until claimed has been running.
 *
 * <p>Pure and idempotent: the same input gives the same decisions, an occurrence recorded with
 * {@link EscalationEvent.StepNotified} is not proposed again, and nothing is proposed once the escalation stopped.
 * People who acknowledged are left out of later notifications even when the policy stops only on a claim.
 */
public final class EscalationEngine {

    public static final String CANCELLED = "cancelled";
    public static final String CLAIMED = "claimed";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String COMPLETED = "all steps done";

    private static final Pattern STEP_KEY = Pattern.compile("r(\\d{1,9})\\.s(\\d{1,4})");

    private EscalationEngine() {
    }

    public static EscalationDecisions decide(EscalationSnapshot snapshot, List<EscalationEvent> events, Instant now) {
        Checks.required(snapshot, "snapshot");
        Checks.noNulls(events, "events");
        Checks.required(now, "now");

        Set<String> notified = new HashSet<>();
        Set<PersonId> acknowledged = new HashSet<>();
        boolean cancelled = false;
        boolean claimed = false;
        for (EscalationEvent event : events) {
            if (event instanceof EscalationEvent.StepNotified step) {
                notified.add(step.stepKey());
            } else if (event instanceof EscalationEvent.Acknowledged ack) {
                acknowledged.add(ack.by());
            } else if (event instanceof EscalationEvent.Claimed) {
                claimed = true;
            } else if (event instanceof EscalationEvent.Cancelled) {
                cancelled = true;
            }
        }
        EscalationPolicy policy = snapshot.policy();
        if (cancelled) {
            return EscalationDecisions.stopped(CANCELLED);
        }
        if (policy.stopWhen() == StopCondition.CLAIMED && claimed) {
            return EscalationDecisions.stopped(CLAIMED);
        }
        if (policy.stopWhen() == StopCondition.ACKNOWLEDGED && !acknowledged.isEmpty()) {
            return EscalationDecisions.stopped(ACKNOWLEDGED);
        }

        Schedule schedule = new Schedule(snapshot);
        List<NotifyDecision> notify = new ArrayList<>();
        Optional<Instant> nextTick = Optional.empty();
        for (int index = 0; index < policy.steps().size(); index++) {
            if (!(policy.steps().get(index) instanceof EscalationStep.Notify step)) {
                continue;
            }
            Optional<Long> dueRound = schedule.latestDueRound(index, now);
            if (dueRound.isPresent()) {
                String key = stepKey(dueRound.get(), index);
                if (!notified.contains(key)) {
                    for (Recipient recipient : snapshot.target(step.targetName())) {
                        if (!acknowledged.contains(recipient.person())) {
                            notify.add(new NotifyDecision(key, recipient, step.channels()));
                        }
                    }
                }
            }
            long nextRound = dueRound.map(r -> r + 1).orElse(0L);
            Optional<Instant> next = schedule.dueAt(nextRound, index);
            if (next.isPresent() && (nextTick.isEmpty() || next.get().isBefore(nextTick.get()))) {
                nextTick = next;
            }
        }
        if (notify.isEmpty() && nextTick.isEmpty()) {
            return EscalationDecisions.stopped(COMPLETED);
        }
        return new EscalationDecisions(notify, nextTick, false, "");
    }

    /** When a step occurrence is (or was) due, e.g. to show "backups paged at 14:02" in the console. */
    public static Optional<Instant> dueAt(EscalationSnapshot snapshot, String stepKey) {
        Checks.required(snapshot, "snapshot");
        Checks.required(stepKey, "step key");
        Matcher m = STEP_KEY.matcher(stepKey);
        if (!m.matches()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(2));
        if (index >= snapshot.policy().steps().size()) {
            return Optional.empty();
        }
        return new Schedule(snapshot).dueAt(Long.parseLong(m.group(1)), index);
    }

    static String stepKey(long round, int index) {
        return "r" + round + ".s" + index;
    }

    /** The timetable of a snapshot: rounds of equal length, steps offset by the waits before them. */
    private static final class Schedule {
        private final Instant startedAt;
        private final Duration round;
        private final long rounds; // Long.MAX_VALUE when repeating until stopped
        private final List<Duration> offsets = new ArrayList<>();

        Schedule(EscalationSnapshot snapshot) {
            EscalationPolicy policy = snapshot.policy();
            this.startedAt = snapshot.startedAt();
            this.round = policy.roundDuration();
            this.rounds = policy.repeatsUntilStopped() ? Long.MAX_VALUE : policy.repeat() + 1L;
            Duration offset = Duration.ZERO;
            for (EscalationStep step : policy.steps()) {
                offsets.add(offset);
                if (step instanceof EscalationStep.Wait wait) {
                    offset = offset.plus(wait.duration());
                }
            }
        }

        Optional<Long> latestDueRound(int index, Instant now) {
            Duration sinceFirst = Duration.between(startedAt.plus(offsets.get(index)), now);
            if (sinceFirst.isNegative()) {
                return Optional.empty();
            }
            if (round.isZero()) {
                return Optional.of(0L); // a single round, validated by the policy
            }
            long elapsedRounds = sinceFirst.dividedBy(round);
            return Optional.of(Math.min(elapsedRounds, rounds - 1));
        }

        Optional<Instant> dueAt(long roundNumber, int index) {
            if (roundNumber >= rounds) {
                return Optional.empty();
            }
            return Optional.of(startedAt.plus(round.multipliedBy(roundNumber)).plus(offsets.get(index)));
        }
    }
}
