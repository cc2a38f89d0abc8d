package org.aviso.core.tree;

/**
 * Fan-out tiers in the order alerts go out: the people who act first are told first, families last but never
 * forgotten. Declaration order is the priority order.
 */
public enum Tier {
    DISPATCH_AND_NETWORK,
    SITE_LEADS,
    STAFF,
    FAMILIES;

    /** 0 goes out first. */
    public int priority() {
        return ordinal();
    }
}
