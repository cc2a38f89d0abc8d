package org.aviso.core.escalation;

/**
 * Where one recipient of one alert stands, for the console's delivery view. It reflects what has been recorded, not
 * the sends proposed in the same decision: those show up once the caller records them.
 */
public enum RecipientState {
    /** Nothing recorded as sent yet (the first send may be proposed in this very decision). */
    QUEUED,
    SENT,
    DELIVERED,
    READ,
    ACKNOWLEDGED,
    /** Signal did not work out and SMS went out instead. */
    FELL_BACK,
    /** No channel can reach them: not on Signal (or Signal failed) and SMS impossible or failed. */
    UNREACHABLE,
    /** Unreachable because they opted out of SMS and Signal is not available. */
    OPTED_OUT,
    /** The alert was ended (ALL_CLEAR or FALSE_ALARM) or the track cancelled. */
    CANCELLED
}
