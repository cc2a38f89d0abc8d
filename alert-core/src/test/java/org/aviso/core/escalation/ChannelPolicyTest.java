package org.aviso.core.escalation;

import static org.aviso.core.common.Channel.SIGNAL;
import static org.aviso.core.common.Channel.SMS;
import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.aviso.core.common.Channel;
import org.aviso.core.tree.SignalStatus;
import org.junit.jupiter.api.Test;

class ChannelPolicyTest {

    @Test
    void withoutSignalAPlanThatStartsOnSignalGoesStraightToSms() {
        assertThat(ChannelPolicy.SIGNAL_THEN_SMS.within(Set.of(SMS))).isEqualTo(ChannelPolicy.SMS_ONLY);
        assertThat(ChannelPolicy.SIGNAL_AND_SMS.within(Set.of(SMS))).isEqualTo(ChannelPolicy.SMS_ONLY);
        // a family on Signal, in an installation with only Twilio: their first message is an SMS, not a queued Signal
        RecipientDecision first = DeliveryPlanner.decide(DeliveryRules.defaults().track(
                aFamily().signal(SignalStatus.ON_SIGNAL).build(), T0, ChannelPolicy.SIGNAL_THEN_SMS.within(Set.of(SMS))),
                List.of(), T0);
        assertThat(first.send()).extracting(ChannelSend::channel).containsExactly(SMS);
    }

    @Test
    void withoutTwilioSignalIsTheOnlyChannel() {
        assertThat(ChannelPolicy.SIGNAL_THEN_SMS.within(Set.of(SIGNAL))).isEqualTo(ChannelPolicy.SIGNAL_ONLY);
        assertThat(ChannelPolicy.SIGNAL_AND_SMS.within(Set.of(SIGNAL))).isEqualTo(ChannelPolicy.SIGNAL_ONLY);
    }

    @Test
    void aPolicyNamingOnlyTheMissingChannelOrAnInstallationWithBothOrNoneIsLeftAlone() {
        for (ChannelPolicy policy : ChannelPolicy.values()) {
            assertThat(policy.within(Set.of(SIGNAL, SMS))).isEqualTo(policy);
            assertThat(policy.within(Set.<Channel>of())).isEqualTo(policy);
        }
        assertThat(ChannelPolicy.SMS_ONLY.within(Set.of(SIGNAL))).isEqualTo(ChannelPolicy.SMS_ONLY);
        assertThat(ChannelPolicy.SIGNAL_ONLY.within(Set.of(SMS))).isEqualTo(ChannelPolicy.SIGNAL_ONLY);
    }
}
