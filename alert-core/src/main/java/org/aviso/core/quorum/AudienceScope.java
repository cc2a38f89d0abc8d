package org.aviso.core.quorum;

/** Whether an alert reaches families (and so needs the stricter quorum) or stays among staff and the network. */
public enum AudienceScope {
    /** The audience includes at least one families-tier group. */
    FAMILY_WIDE,
    /** Staff, site leads, dispatchers and network members only. */
    STAFF_ONLY
}
