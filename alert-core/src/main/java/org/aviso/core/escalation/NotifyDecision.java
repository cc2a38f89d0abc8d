package org.aviso.core.escalation;

import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;

/**
 * Notify this recipient now. The gateway starts a {@link RecipientTrack} for it with these channels, and records
 * {@link EscalationEvent.StepNotified} for the step key once every decision of the step is in its outbox.
 *
 * @param stepKey stable name of the step occurrence, {@code r<round>.s<index>}: "r1.s2" is the third step of the
 *                second round
 */
public record NotifyDecision(String stepKey, Recipient recipient, ChannelPolicy channels) {

    public NotifyDecision {
        Checks.notBlank(stepKey, "step key", 40);
        Checks.required(recipient, "recipient");
        Checks.required(channels, "channel policy");
    }
}
