package org.aviso.core.quorum;

/**
 * How many distinct people must confirm an alert, per audience scope.
 *
 * @param familyWide confirmations needed before anything reaches families; at least 2, because the dispatcher who
 *                   sends must never be the only one who approved it
 * @param staffOnly  confirmations needed for an alert that stays among staff and the network; at least 1
 */
public record QuorumPolicy(int familyWide, int staffOnly) {

    public static final int DEFAULT_FAMILY_WIDE = 2;
    public static final int DEFAULT_STAFF_ONLY = 1;

    public QuorumPolicy {
        if (familyWide < 2) {
            throw new IllegalArgumentException(
                    "a family-wide quorum needs at least 2 people: the sender cannot be the only approver");
        }
        if (staffOnly < 1) {
            throw new IllegalArgumentException("a staff-only quorum needs at least 1 person");
        }
    }

    public static QuorumPolicy defaults() {
        return new QuorumPolicy(DEFAULT_FAMILY_WIDE, DEFAULT_STAFF_ONLY);
    }

    public int needed(AudienceScope scope) {
        return switch (scope) {
            case FAMILY_WIDE -> familyWide;
            case STAFF_ONLY -> staffOnly;
        };
    }
}
