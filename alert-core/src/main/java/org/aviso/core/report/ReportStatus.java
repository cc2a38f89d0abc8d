package org.aviso.core.report;

/** NEW, then CLAIMED by one dispatcher, then one of the three outcomes. */
public enum ReportStatus {
    NEW,
    CLAIMED,
    VERIFIED,
    FALSE_ALARM,
    UNABLE_TO_VERIFY;

    public boolean isTerminal() {
        return this == VERIFIED || this == FALSE_ALARM || this == UNABLE_TO_VERIFY;
    }
}
