package org.aviso.core.quorum;

import java.util.Optional;

/**
 * The outcome of counting confirmations.
 *
 * @param met      whether the alert may go out
 * @param distinct how many different people confirmed
 * @param needed   how many the policy asks for this scope
 * @param missing  how many more distinct people must confirm (at least 1 when not met)
 * @param reason   why it is not met when counting alone would not say so (the sender is the only approver)
 */
public record QuorumResult(boolean met, int distinct, int needed, int missing, Optional<String> reason) {

    public QuorumResult {
        if (distinct < 0 || needed < 1 || missing < 0) {
            throw new IllegalArgumentException("quorum counts must not be negative and at least one person is needed");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason is required (use Optional.empty())");
        }
        if (met == (missing > 0)) {
            throw new IllegalArgumentException("a met quorum has nothing missing and an unmet one misses someone");
        }
    }
}
