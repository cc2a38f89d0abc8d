package org.aviso.core.dispatch;

/** Why an alert may not be sent. Stored as text, so names are stable. */
public enum RejectionReason {
    /** A follow-up kind was submitted as a new alert, or the other way round. */
    WRONG_KIND,
    /** The alert is past its expiry. */
    ALERT_EXPIRED,
    /** Nobody would receive it. */
    EMPTY_AUDIENCE,
    /** An ADVISORY whose audience includes families. */
    ADVISORY_REACHES_FAMILIES,
    /** A VERIFIED alert without a report of the same network (and incident) in VERIFIED status. */
    REPORT_NOT_VERIFIED,
    /** Not enough distinct people confirmed, or the sender alone. */
    QUORUM_NOT_MET,
    /** A follow-up that does not refer to the given original alert, or to one of another network or exercise. */
    WRONG_ORIGINAL,
    /** The original alert already had its ALL_CLEAR or FALSE_ALARM. */
    ALERT_ALREADY_CLOSED,
    /** Some recipients speak a language with no template for this kind on Signal and SMS (issue 17). */
    NO_TEMPLATE_FOR_LANGUAGE
}
