package org.aviso.core.escalation;

import java.time.Duration;
import java.util.List;
import org.aviso.core.common.Checks;

/**
 * Ordered steps, run once and then repeated.
 *
 * @param repeat   how many more times the whole list runs after the first: 0 runs it once, 2 runs it three times,
 *                 {@link #UNTIL_STOPPED} (-1) repeats until the stop condition or a cancellation
 * @param stopWhen what ends it early
 */
public record EscalationPolicy(String name, List<EscalationStep> steps, int repeat, StopCondition stopWhen) {

    public static final int UNTIL_STOPPED = -1;

    public EscalationPolicy {
        Checks.notBlank(name, "policy name", 80);
        Checks.noNulls(steps, "steps");
        steps = List.copyOf(steps);
        Checks.required(stopWhen, "stop condition");
        if (steps.stream().noneMatch(EscalationStep.Notify.class::isInstance)) {
            throw new IllegalArgumentException("a policy needs at least one notify step");
        }
        if (repeat < UNTIL_STOPPED) {
            throw new IllegalArgumentException("repeat is a count of further rounds, or -1 for until stopped");
        }
        if (repeat == UNTIL_STOPPED && stopWhen == StopCondition.NEVER) {
            throw new IllegalArgumentException("a policy that repeats until stopped needs a stop condition");
        }
        if (repeat != 0 && roundDuration(steps).isZero()) {
            throw new IllegalArgumentException("a repeating policy needs a wait, or every round would go out at once");
        }
    }

    /** How long one pass over the steps takes: the sum of its waits. */
    public Duration roundDuration() {
        return roundDuration(steps);
    }

    public boolean repeatsUntilStopped() {
        return repeat == UNTIL_STOPPED;
    }

    private static Duration roundDuration(List<EscalationStep> steps) {
        return steps.stream().filter(EscalationStep.Wait.class::isInstance).map(s -> ((EscalationStep.Wait) s).duration())
                .reduce(Duration.ZERO, Duration::plus);
    }
}
