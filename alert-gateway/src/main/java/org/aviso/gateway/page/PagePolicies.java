package org.aviso.gateway.page;

import java.time.Duration;
import java.util.List;

import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationStep;
import org.aviso.core.escalation.StopCondition;

/**
 * How a new report wakes dispatchers, as the product describes it: on-call dispatchers over Signal; after 2
 * minutes unclaimed, the backups over Signal and SMS; after 5 more, the coordinators; repeat until claimed.
 */
public final class PagePolicies {

    public static final String ON_CALL = "on-call";
    public static final String BACKUPS = "backups";
    public static final String COORDINATORS = "coordinators";

    private PagePolicies() {
    }

    public static EscalationPolicy newReport() {
        return new EscalationPolicy("new-report", List.of(
                new EscalationStep.Notify(ON_CALL, ChannelPolicy.SIGNAL_THEN_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(2)),
                new EscalationStep.Notify(BACKUPS, ChannelPolicy.SIGNAL_AND_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(5)),
                new EscalationStep.Notify(COORDINATORS, ChannelPolicy.SIGNAL_THEN_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(5))),
                EscalationPolicy.UNTIL_STOPPED, StopCondition.CLAIMED);
    }
}
