package org.aviso.gateway.page;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationStep;
import org.aviso.core.escalation.StopCondition;

/**
 * How a new report pages dispatchers, in the shape an administrator sets it: the three tiers in order (on-call
 * dispatchers, backup dispatchers, coordinators), each paged over some channels or not at all and followed by a
 * wait; then either start again until someone claims the report, or run a set number of extra rounds.
 *
 * <p>The on-call dispatchers are always paged: they are the only tier paged the moment a report arrives, and a
 * report nobody hears about for minutes is the failure this service exists to prevent. A tier that is not paged has
 * no wait either, so the next tier follows the one before it.
 *
 * @param repeat extra rounds after the first, or {@link EscalationPolicy#UNTIL_STOPPED} to start again until claimed
 */
public record NewReportPaging(TierPaging onCall, TierPaging backups, TierPaging coordinators, int repeat) {

    public static final String POLICY_NAME = "new-report";
    public static final int MIN_WAIT_MINUTES = 1;
    public static final int MAX_WAIT_MINUTES = 60;
    public static final int MAX_EXTRA_ROUNDS = 10;

    /** One tier: paged over {@code channels} (empty: not paged), then a wait before the next tier or round. */
    public record TierPaging(Optional<ChannelPolicy> channels, Duration waitAfter) {

        public TierPaging {
            if (channels == null || waitAfter == null) {
                throw new IllegalArgumentException("a tier needs its channels (or none) and its wait");
            }
            if (channels.isEmpty() && !waitAfter.isZero()) {
                throw new IllegalArgumentException("a tier that is not paged has no wait");
            }
            if (channels.isPresent() && !isWaitAllowed(waitAfter)) {
                throw new IllegalArgumentException("a wait is whole minutes from " + MIN_WAIT_MINUTES + " to "
                        + MAX_WAIT_MINUTES);
            }
        }

        public static TierPaging paged(ChannelPolicy channels, int waitMinutes) {
            return new TierPaging(Optional.of(channels), Duration.ofMinutes(waitMinutes));
        }

        public static TierPaging notPaged() {
            return new TierPaging(Optional.empty(), Duration.ZERO);
        }

        public boolean isPaged() {
            return channels.isPresent();
        }

        public int waitMinutes() {
            return (int) waitAfter.toMinutes();
        }

        private static boolean isWaitAllowed(Duration wait) {
            return wait.toSecondsPart() == 0 && wait.toNanosPart() == 0
                    && wait.toMinutes() >= MIN_WAIT_MINUTES && wait.toMinutes() <= MAX_WAIT_MINUTES;
        }
    }

    public NewReportPaging {
        if (onCall == null || backups == null || coordinators == null) {
            throw new IllegalArgumentException("every tier needs a setting");
        }
        if (!onCall.isPaged()) {
            throw new IllegalArgumentException("the on-call dispatchers are always paged");
        }
        if (repeat < EscalationPolicy.UNTIL_STOPPED || repeat > MAX_EXTRA_ROUNDS) {
            throw new IllegalArgumentException("extra rounds are 0 to " + MAX_EXTRA_ROUNDS + ", or until claimed");
        }
    }

    public boolean repeatsUntilClaimed() {
        return repeat == EscalationPolicy.UNTIL_STOPPED;
    }

    /** The policy the escalation engine runs; it always stops when someone claims the report. */
    public EscalationPolicy toPolicy() {
        List<EscalationStep> steps = new ArrayList<>();
        addTier(steps, PagePolicies.ON_CALL, onCall);
        addTier(steps, PagePolicies.BACKUPS, backups);
        addTier(steps, PagePolicies.COORDINATORS, coordinators);
        return new EscalationPolicy(POLICY_NAME, steps, repeat, StopCondition.CLAIMED);
    }

    private static void addTier(List<EscalationStep> steps, String target, TierPaging tier) {
        tier.channels().ifPresent(channels -> {
            steps.add(new EscalationStep.Notify(target, channels));
            steps.add(new EscalationStep.Wait(tier.waitAfter()));
        });
    }
}
