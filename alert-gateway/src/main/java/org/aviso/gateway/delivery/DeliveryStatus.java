package org.aviso.gateway.delivery;

/** Where one outbox row (one message on one channel) stands; the {@code delivery.status} column. */
public enum DeliveryStatus {
    /** Waiting for its turn (and for its sender's pace). */
    QUEUED,
    /** Claimed by a node; its provider call may be under way. */
    SENDING,
    /** The provider accepted it. */
    SENT,
    DELIVERED,
    READ,
    /** It will not go out on this channel. */
    FAILED,
    /** The call may have reached the provider, but no answer says whether it did. */
    UNKNOWN,
    /** Withdrawn before it was sent. */
    CANCELLED;

    boolean arrived() {
        return this == DELIVERED || this == READ;
    }

    boolean accepted() {
        return this == SENT || arrived();
    }
}
