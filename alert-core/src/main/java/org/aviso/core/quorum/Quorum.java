package org.aviso.core.quorum;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;

/**
 * Counts confirmations against a {@link QuorumPolicy}.
 *
 * <p>Rules: a person counts once however often they confirm; the sender counts like anyone else, but for a
 * family-wide alert the sender alone never meets the quorum. A staff-only policy of 1 deliberately lets the
 * verifying dispatcher send to staff on their own, because speed matters more there and families are not reached.
 */
public final class Quorum {

    static final String SENDER_ONLY = "the sender cannot be the only approver of a family-wide alert";

    private Quorum() {
    }

    public static QuorumResult evaluate(
            QuorumPolicy policy, AudienceScope scope, PersonId sender, Collection<PersonId> confirmations) {
        Checks.required(policy, "quorum policy");
        Checks.required(scope, "audience scope");
        Checks.required(sender, "sender");
        Checks.noNulls(confirmations, "confirmations");

        Set<PersonId> distinct = new HashSet<>(confirmations);
        int needed = policy.needed(scope);
        int othersThanSender = distinct.contains(sender) ? distinct.size() - 1 : distinct.size();
        boolean senderAlone = scope == AudienceScope.FAMILY_WIDE && othersThanSender == 0;

        int missing = Math.max(0, needed - distinct.size());
        if (senderAlone) {
            missing = Math.max(missing, 1);
        }
        Optional<String> reason = senderAlone && distinct.contains(sender) ? Optional.of(SENDER_ONLY) : Optional.empty();
        return new QuorumResult(missing == 0, distinct.size(), needed, missing, reason);
    }
}
