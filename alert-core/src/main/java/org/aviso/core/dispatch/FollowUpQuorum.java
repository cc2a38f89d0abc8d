package org.aviso.core.dispatch;

/**
 * What a follow-up of an alert needs before it goes out. An ALL_CLEAR or FALSE_ALARM for a family-wide alert sends
 * families back outside, so it always needs the same quorum as the alert it follows; a network may relax that for
 * an UPDATE only (new instructions while the alert stands), which then goes out on its sender's word.
 */
public enum FollowUpQuorum {
    /** Every follow-up needs the quorum of the alert it follows (the default). */
    SAME_AS_ORIGINAL,
    /** UPDATEs go out on the sender's word; ALL_CLEAR and FALSE_ALARM still need the original's quorum. */
    RELAXED_FOR_UPDATES
}
