package org.aviso.gateway.page;

import java.time.Duration;
import java.util.List;

import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.escalation.EscalationStep;
import org.aviso.core.escalation.StopCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.aviso.gateway.page.NewReportPaging.TierPaging.notPaged;
import static org.aviso.gateway.page.NewReportPaging.TierPaging.paged;

class NewReportPagingTest {

    @Test
    void theDefaultIsTheProductsPolicy() {
        assertThat(PagePolicies.newReport()).isEqualTo(new EscalationPolicy("new-report", List.of(
                new EscalationStep.Notify(PagePolicies.ON_CALL, ChannelPolicy.SIGNAL_THEN_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(2)),
                new EscalationStep.Notify(PagePolicies.BACKUPS, ChannelPolicy.SIGNAL_AND_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(5)),
                new EscalationStep.Notify(PagePolicies.COORDINATORS, ChannelPolicy.SIGNAL_THEN_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(5))),
                EscalationPolicy.UNTIL_STOPPED, StopCondition.CLAIMED));
    }

    @Test
    void aTierNotPagedHasNoStepsSoTheNextFollowsTheOneBefore() {
        EscalationPolicy policy = new NewReportPaging(paged(ChannelPolicy.SMS_ONLY, 1), notPaged(),
                paged(ChannelPolicy.SIGNAL_AND_SMS, 3), 2).toPolicy();

        assertThat(policy.steps()).containsExactly(
                new EscalationStep.Notify(PagePolicies.ON_CALL, ChannelPolicy.SMS_ONLY),
                new EscalationStep.Wait(Duration.ofMinutes(1)),
                new EscalationStep.Notify(PagePolicies.COORDINATORS, ChannelPolicy.SIGNAL_AND_SMS),
                new EscalationStep.Wait(Duration.ofMinutes(3)));
        assertThat(policy.repeat()).isEqualTo(2);
        assertThat(policy.stopWhen()).isEqualTo(StopCondition.CLAIMED);
    }

    @Test
    void refusesAPolicyThatPagesNobodyAtOnceOrWaitsOutsideWholeMinutesFrom1To60() {
        assertThatThrownBy(() -> new NewReportPaging(notPaged(), paged(ChannelPolicy.SMS_ONLY, 1), notPaged(), 0))
                .hasMessageContaining("on-call");
        assertThatThrownBy(() -> paged(ChannelPolicy.SMS_ONLY, 61)).hasMessageContaining("1 to 60");
        assertThatThrownBy(() -> new NewReportPaging.TierPaging(java.util.Optional.of(ChannelPolicy.SMS_ONLY),
                Duration.ofSeconds(90))).hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> new NewReportPaging(paged(ChannelPolicy.SMS_ONLY, 1), notPaged(), notPaged(), 11))
                .hasMessageContaining("extra rounds");
    }
}
