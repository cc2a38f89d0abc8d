package org.aviso.core.report;

/**
 * NEW, then CLAIMED by one dispatcher, then one of the three outcomes a dispatcher records; or CLOSED when its
 * incident ended (an all-clear or false alarm was sent for it) before anyone recorded an outcome.
 */
public enum ReportStatus {
    NEW,
    CLAIMED,
    VERIFIED,
    FALSE_ALARM,
    UNABLE_TO_VERIFY,
    /** Closed with its incident, without a verdict of its own: nothing about it pages anyone any more. */
    CLOSED;

    /** Nothing more happens to the report. */
    public boolean isTerminal() {
        return this == VERIFIED || this == FALSE_ALARM || this == UNABLE_TO_VERIFY || this == CLOSED;
    }

    /** An outcome a dispatcher records after verifying: VERIFIED, FALSE_ALARM or UNABLE_TO_VERIFY. */
    public boolean isVerdict() {
        return this == VERIFIED || this == FALSE_ALARM || this == UNABLE_TO_VERIFY;
    }
}
