package org.aviso.core.escalation;

/** Why a Signal send failed, as far as it matters for what to do next. */
public enum SignalFailure {
    /** The number is not on Signal. SMS now. */
    UNREGISTERED,
    /** The safety number changed. SMS now; we do not send alerts to an unverified identity. */
    IDENTITY_CHANGED,
    /** Rate-limited with a challenge to solve. SMS now rather than wait for a person to solve it. */
    CAPTCHA_REQUIRED,
    /**
     * Timeout or reset: the message may or may not have gone out. Never resend on Signal (it could arrive twice);
     * SMS only if no receipt arrives within the receipt timeout, counted from the attempt.
     */
    OUTCOME_UNKNOWN;

    /** Whether this failure moves the recipient to SMS at once. */
    public boolean fallBackNow() {
        return this != OUTCOME_UNKNOWN;
    }
}
