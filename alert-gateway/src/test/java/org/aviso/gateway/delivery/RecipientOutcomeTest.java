package org.aviso.gateway.delivery;

import java.util.List;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.delivery.DeliveryStatus.CANCELLED;
import static org.aviso.gateway.delivery.DeliveryStatus.DELIVERED;
import static org.aviso.gateway.delivery.DeliveryStatus.FAILED;
import static org.aviso.gateway.delivery.DeliveryStatus.QUEUED;
import static org.aviso.gateway.delivery.DeliveryStatus.SENDING;
import static org.aviso.gateway.delivery.DeliveryStatus.SENT;
import static org.aviso.gateway.delivery.DeliveryStatus.UNKNOWN;
import static org.aviso.gateway.delivery.RecipientOutcome.State;

/** The delivery report's one state per person, from what their messages' records say. */
class RecipientOutcomeTest {

    private static RecipientOutcome.Message signal(DeliveryStatus status, String reason) {
        return new RecipientOutcome.Message(Channel.SIGNAL, status, reason, false);
    }

    private static RecipientOutcome.Message sms(DeliveryStatus status, String reason) {
        return new RecipientOutcome.Message(Channel.SMS, status, reason, status != UNKNOWN);
    }

    private static RecipientOutcome of(RecipientOutcome.Message... messages) {
        return RecipientOutcome.of(false, false, false, List.of(messages));
    }

    @Test
    void anSmsTwilioRefusedIsUnreachableWithItsReasonNeverSent() {
        for (String reason : List.of("INVALID_NUMBER", "OPTED_OUT", "NOT_MOBILE")) {
            RecipientOutcome outcome = of(signal(FAILED, "NOT_ON_SIGNAL"), sms(FAILED, reason));
            assertThat(outcome.state()).as(reason)
                    .isEqualTo(reason.equals("OPTED_OUT") ? State.OPTED_OUT : State.UNREACHABLE);
            assertThat(outcome.reason()).contains(reason);
        }
    }

    @Test
    void someoneWhoGotNothingIsNeverCountedAsSent() {
        assertThat(of().state()).as("no message could even be planned").isEqualTo(State.UNREACHABLE);
        assertThat(of().reason()).contains("NO_USABLE_CHANNEL");
        assertThat(of(signal(CANCELLED, "SIGNAL_QUEUE_TOO_LONG"), sms(FAILED, "CARRIER_30003")).state())
                .isEqualTo(State.UNREACHABLE);
    }

    @Test
    void aSignalMessageThatMayHaveArrivedIsOutcomeUnknownWithWhy() {
        RecipientOutcome outcome = of(signal(UNKNOWN, "OUTCOME_UNKNOWN"), sms(FAILED, "INVALID_NUMBER"));

        assertThat(outcome.state()).isEqualTo(State.OUTCOME_UNKNOWN);
        assertThat(outcome.reason()).contains("SIGNAL_NO_RECEIPT");
    }

    @Test
    void anSmsStillBeingLookedUpOrQueuedIsInProgress() {
        assertThat(of(signal(UNKNOWN, null), sms(UNKNOWN, "OUTCOME_UNKNOWN")).state()).isEqualTo(State.QUEUED);
        assertThat(of(signal(SENDING, null)).state()).isEqualTo(State.QUEUED);
        assertThat(of(signal(QUEUED, null)).state()).isEqualTo(State.QUEUED);
    }

    @Test
    void theBestNewsWinsAndSaysWhichChannelCarriedIt() {
        RecipientOutcome fellBack = of(signal(UNKNOWN, "OUTCOME_UNKNOWN"), sms(DELIVERED, null));

        assertThat(fellBack.state()).isEqualTo(State.DELIVERED);
        assertThat(fellBack.channel()).contains(Channel.SMS);
        assertThat(of(signal(SENT, null)).state()).isEqualTo(State.SENT);
        assertThat(RecipientOutcome.of(true, false, false, List.of(signal(DELIVERED, null))).state())
                .isEqualTo(State.ACKNOWLEDGED);
        assertThat(RecipientOutcome.of(false, true, false, List.of(signal(QUEUED, null))).state())
                .isEqualTo(State.CANCELLED);
        assertThat(RecipientOutcome.of(false, true, false, List.of(signal(DELIVERED, null))).channel())
                .isEqualTo(Optional.of(Channel.SIGNAL));
    }
}
