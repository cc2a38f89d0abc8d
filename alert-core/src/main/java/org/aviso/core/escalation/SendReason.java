package org.aviso.core.escalation;

/** Why a message goes out on a channel; shown in the console and recorded with the delivery. */
public enum SendReason {
    FIRST_CONTACT,
    SIGNAL_FAILED,
    NO_RECEIPT,
    NOT_ON_SIGNAL,
    BOTH_CHANNELS
}
