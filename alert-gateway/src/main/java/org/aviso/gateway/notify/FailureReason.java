package org.aviso.gateway.notify;

/** Why a send did not go through, in the few kinds the delivery pipeline acts on differently. */
public enum FailureReason {
    /** Signal: the number has no Signal account. Mark the person not on Signal; SMS now. */
    NOT_ON_SIGNAL,
    /** Signal: the recipient's safety number changed. SMS now; an administrator re-trusts. */
    IDENTITY_CHANGED,
    /** Signal: rate-limited with a captcha challenge only a person can solve. SMS now; a console task. */
    CAPTCHA_REQUIRED,
    /** The provider asks us to slow down. Nothing was sent; try again after the given time. */
    RATE_LIMITED,
    /** SMS: the person replied STOP. Nothing is sent until they opt back in. */
    OPTED_OUT,
    /** SMS: not a valid number. */
    INVALID_NUMBER,
    /** SMS: a landline or other number that cannot receive SMS. */
    NOT_MOBILE,
    /** The request may or may not have been delivered (timeout, reset, unexpected HTTP answer): never resend it. */
    OUTCOME_UNKNOWN,
    /** The provider failed before accepting (5xx): nothing was sent. */
    PROVIDER_ERROR,
    /** No connection could be made: nothing was sent. */
    NETWORK_ERROR,
    /** Our credentials were refused: nothing will work until an operator fixes them. */
    AUTHENTICATION_FAILED,
    /** The provider refused this message for another reason. */
    REJECTED
}
