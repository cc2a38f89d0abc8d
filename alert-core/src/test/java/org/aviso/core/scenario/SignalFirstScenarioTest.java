package org.aviso.core.scenario;

import static org.aviso.core.common.Channel.SIGNAL;
import static org.aviso.core.common.Channel.SMS;
import static org.aviso.core.escalation.SendReason.FIRST_CONTACT;
import static org.aviso.core.escalation.SendReason.NOT_ON_SIGNAL;
import static org.aviso.core.escalation.SendReason.NO_RECEIPT;
import static org.aviso.core.escalation.SendReason.SIGNAL_FAILED;
import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.TestClock.minutes;
import static org.aviso.core.testing.TestClock.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import org.aviso.core.alert.Recipient;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryRules;
import org.aviso.core.escalation.RecipientState;
import org.aviso.core.escalation.SignalFailure;
import org.aviso.core.testing.DeliveryHarness;
import org.aviso.core.testing.TestClock;
import org.aviso.core.tree.SignalStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Per recipient: Signal first if the number is on Signal; SMS if Signal answers unregistered, identity changed or
 * rate-limited, or if no delivery receipt arrives within 90 s. At most one Signal message and at most one SMS per
 * recipient per alert."
 */
class SignalFirstScenarioTest {

    private final TestClock clock = TestClock.atT0();

    private DeliveryHarness deliveringTo(Recipient recipient) {
        return new DeliveryHarness(DeliveryRules.defaults().track(recipient, clock.instant(),
                ChannelPolicy.SIGNAL_THEN_SMS), clock);
    }

    @ParameterizedTest
    @EnumSource(value = SignalFailure.class, names = {"UNREGISTERED", "IDENTITY_CHANGED", "CAPTCHA_REQUIRED"})
    void fallsBackToSmsAtOnceWhenSignalRefuses(SignalFailure failure) {
        DeliveryHarness family = deliveringTo(aFamily().build());

        assertThat(family.tickAt(seconds(0))).containsExactly(new ChannelSend(SIGNAL, FIRST_CONTACT));
        family.signalFailed(failure);

        assertThat(family.tickAt(seconds(2))).containsExactly(new ChannelSend(SMS, SIGNAL_FAILED));
        assertThat(family.tickAt(seconds(3))).isEmpty();
        assertThat(family.lastDecision().state()).isEqualTo(RecipientState.FELL_BACK);
    }

    @Test
    void fallsBackToSmsWhenNoDeliveryReceiptWithin90Seconds() {
        DeliveryHarness family = deliveringTo(aFamily().build());

        family.tickAt(seconds(0));
        family.signalAccepted();
        // decided again after the accept (the gateway's tracker does so at the look it set within the receipt timeout
        // of the first send), the next check is the receipt deadline, counted from the accept
        assertThat(family.tickAt(seconds(1))).isEmpty();
        assertThat(family.lastDecision().nextCheckAt()).contains(clock.at(seconds(90)));

        assertThat(family.tickAt(seconds(89))).isEmpty();
        assertThat(family.tickAt(seconds(90))).containsExactly(new ChannelSend(SMS, NO_RECEIPT));
        assertThat(family.tickAt(minutes(10))).isEmpty();
    }

    @Test
    void sendsNoSmsOnceSignalReportsDelivery() {
        DeliveryHarness family = deliveringTo(aFamily().build());

        family.tickAt(seconds(0));
        family.signalAccepted().delivered(SIGNAL, seconds(20));

        assertThat(family.tickAt(seconds(90))).isEmpty();
        assertThat(family.tickAt(minutes(30))).isEmpty();
        assertThat(family.lastDecision().state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(family.sentOn(SMS)).isZero();
    }

    @Test
    void neverResendsOnSignalWhenTheOutcomeIsUnknownAndWaitsForTheReceiptTimeout() {
        DeliveryHarness family = deliveringTo(aFamily().build());

        family.tickAt(seconds(0));
        clock.moveTo(seconds(5));
        family.signalFailed(SignalFailure.OUTCOME_UNKNOWN);

        assertThat(family.tickAt(seconds(30))).as("no blind Signal retry, no early SMS").isEmpty();
        assertThat(family.tickAt(seconds(94))).isEmpty();
        assertThat(family.tickAt(seconds(95))).containsExactly(new ChannelSend(SMS, NO_RECEIPT));
        assertThat(family.sentOn(SIGNAL)).isEqualTo(1);
    }

    @Test
    void aFamilyNotOnSignalGetsSmsStraightAway() {
        DeliveryHarness family = deliveringTo(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build());

        assertThat(family.tickAt(seconds(0))).containsExactly(new ChannelSend(SMS, NOT_ON_SIGNAL));
        assertThat(family.tickAt(minutes(5))).isEmpty();
        assertThat(family.lastDecision().state()).isEqualTo(RecipientState.SENT);
    }

    @Test
    void anUnknownNumberIsTriedOnSignalAndFallsBackWhenUnregistered() {
        DeliveryHarness family = deliveringTo(aFamily().signal(SignalStatus.UNKNOWN).build());

        assertThat(family.tickAt(seconds(0))).containsExactly(new ChannelSend(SIGNAL, FIRST_CONTACT));
        family.signalFailed(SignalFailure.UNREGISTERED);
        assertThat(family.tickAt(seconds(1))).containsExactly(new ChannelSend(SMS, SIGNAL_FAILED));
    }

    @Test
    void atMostOneSignalAndOneSmsHoweverOftenItIsAskedAndWhateverGoesWrong() {
        DeliveryHarness family = deliveringTo(aFamily().build());

        for (int s = 0; s <= 600; s += 15) {
            family.tickAt(seconds(s));
            family.signalFailed(SignalFailure.OUTCOME_UNKNOWN);
            family.signalFailed(SignalFailure.CAPTCHA_REQUIRED);
            family.record(new DeliveryEvent.SmsFailed(false, clock.instant()));
        }

        assertThat(family.sentOn(SIGNAL)).isEqualTo(1);
        assertThat(family.sentOn(SMS)).isEqualTo(1);
        assertThat(family.lastDecision().state()).isEqualTo(RecipientState.UNREACHABLE);
    }

    @Test
    void doesNotTextSomeoneWhoOptedOutWhenSignalFails() {
        DeliveryHarness family = deliveringTo(aFamily().smsOptedOut().build());

        family.tickAt(seconds(0));
        family.signalFailed(SignalFailure.UNREGISTERED);

        assertThat(family.tickAt(seconds(1))).isEmpty();
        assertThat(family.lastDecision().state()).isEqualTo(RecipientState.OPTED_OUT);
    }

    @Test
    void anUnverifiedIdentityChangeSkipsSignal() {
        DeliveryHarness family = deliveringTo(aFamily().identityChanged().build());

        assertThat(family.tickAt(seconds(0))).containsExactly(new ChannelSend(SMS, SIGNAL_FAILED));
        assertThat(family.sentOn(SIGNAL)).isZero();
    }
}
