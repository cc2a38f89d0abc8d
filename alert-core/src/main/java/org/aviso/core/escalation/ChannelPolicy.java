package org.aviso.core.escalation;

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
    SIGNAL_ONLY
}
