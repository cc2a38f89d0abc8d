package org.aviso.core.escalation;

/** Why a message goes out on a channel; shown in the console and recorded with the delivery. */
public enum SendReason {
    FIRST_CONTACT,
    SIGNAL_FAILED,
    NO_RECEIPT,
    NOT_ON_SIGNAL,
    BOTH_CHANNELS,
    /**
     * The Signal message waited in the queue past the network's limit without being sent: SMS instead, and the caller
     * withdraws the queued Signal message first (only if it is still queued), so the person gets one channel.
     */
    SIGNAL_QUEUE_TOO_LONG,
    /**
     * The SMS failed for good after the Signal message had been withdrawn without being sent (an outage): Signal is
     * tried again, and goes out once Signal is healthy.
     */
    SIGNAL_AGAIN_AFTER_SMS_FAILED
}
