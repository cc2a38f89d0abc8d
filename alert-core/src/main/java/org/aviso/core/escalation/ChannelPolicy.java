package org.aviso.core.escalation;

import java.util.Set;

import org.aviso.core.common.Channel;

/** Which channels a notification uses. */
public enum ChannelPolicy {
    /** Signal first; SMS only if Signal fails, is impossible, or no receipt arrives in time. */
    SIGNAL_THEN_SMS,
    /** Both at once, for pages that must not wait for a receipt timeout. */
    SIGNAL_AND_SMS,
    SMS_ONLY,
    /**
     * Signal and nothing else: an answer to someone who wrote to us on Signal goes back where the conversation is,
     * and is never also sent by SMS.
     */
    SIGNAL_ONLY;

    /**
     * This policy as far as the installation can follow it: with no Signal account configured, a plan that starts on
     * Signal goes straight to SMS (and without Twilio, the other way round), so nobody waits in a queue that no sender
     * serves and the report never shows them "queued" on a channel that does not exist. A policy that names only the
     * missing channel stays as it is: the planner then finds that person unreachable and says why. With no channel at
     * all (a set-up that cannot send anything) the policy is left alone.
     */
    public ChannelPolicy within(Set<Channel> configured) {
        if (configured.isEmpty()) {
            return this;
        }
        boolean signal = configured.contains(Channel.SIGNAL);
        boolean sms = configured.contains(Channel.SMS);
        return switch (this) {
            case SIGNAL_THEN_SMS, SIGNAL_AND_SMS -> !signal && sms ? SMS_ONLY : signal && !sms ? SIGNAL_ONLY : this;
            case SMS_ONLY, SIGNAL_ONLY -> this;
        };
    }
}
