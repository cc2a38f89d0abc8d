package org.aviso.core.alert;

import java.util.Optional;

/**
 * What an alert is, and how it maps onto CAP 1.2 ({@code msgType}, {@code status}, {@code certainty},
 * {@code responseType}).
 *
 * <p>Mapping choices: UPDATE and ALL_CLEAR are CAP {@code Update}s of the alert they refer to (ALL_CLEAR adds
 * {@code responseType AllClear}, which is CAP's own term for "the threat has passed"); FALSE_ALARM is a CAP
 * {@code Cancel} with certainty {@code Unlikely}, because it withdraws the earlier message as wrong. DRILL has
 * status {@code Exercise}; so does every follow-up of a drill (see {@link Alert#capStatus()}).
 */
public enum AlertKind {
    /** Unverified; dispatchers and verifiers only, never families. */
    ADVISORY("Alert", "Actual", "Possible", null),
    /** Confirmed by the quorum; goes to the tree. */
    VERIFIED("Alert", "Actual", "Observed", null),
    UPDATE("Update", "Actual", "Observed", null),
    ALL_CLEAR("Update", "Actual", "Observed", "AllClear"),
    FALSE_ALARM("Cancel", "Actual", "Unlikely", "None"),
    /** An exercise, marked as such in every message, end to end. */
    DRILL("Alert", "Exercise", "Unknown", null);

    private final String capMsgType;
    private final String capStatus;
    private final String capCertainty;
    private final String capResponseType;

    AlertKind(String capMsgType, String capStatus, String capCertainty, String capResponseType) {
        this.capMsgType = capMsgType;
        this.capStatus = capStatus;
        this.capCertainty = capCertainty;
        this.capResponseType = capResponseType;
    }

    public String capMsgType() {
        return capMsgType;
    }

    /** The status of this kind on its own; an alert that follows up a drill reports {@code Exercise} instead. */
    public String capStatus() {
        return capStatus;
    }

    public String capCertainty() {
        return capCertainty;
    }

    public Optional<String> capResponseType() {
        return Optional.ofNullable(capResponseType);
    }

    /** UPDATE, ALL_CLEAR and FALSE_ALARM refer to an earlier alert and reach exactly its recipients. */
    public boolean isFollowUp() {
        return this == UPDATE || this == ALL_CLEAR || this == FALSE_ALARM;
    }

    /** ALL_CLEAR and FALSE_ALARM end an alert: nothing may follow them. */
    public boolean isClosing() {
        return this == ALL_CLEAR || this == FALSE_ALARM;
    }
}
