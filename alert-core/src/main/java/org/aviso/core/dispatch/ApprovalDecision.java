package org.aviso.core.dispatch;

import java.time.Instant;
import java.util.Optional;
import org.aviso.core.alert.Alert;
import org.aviso.core.alert.Audience;
import org.aviso.core.common.Checks;
import org.aviso.core.quorum.QuorumResult;

/** Whether an alert may go out. A rejection is an ordinary outcome, so it is a value, not an exception. */
public sealed interface ApprovalDecision {

    Alert alert();

    Instant decidedAt();

    /**
     * Send {@code alert} to exactly {@code audience}.
     *
     * @param endsOriginal true for ALL_CLEAR and FALSE_ALARM: the gateway records {@code AlertCancelled} on every
     *                     track of the original alert, so nothing of it goes out any more
     */
    record Approved(Alert alert, Audience audience, Optional<QuorumResult> quorum, boolean endsOriginal,
            Instant decidedAt) implements ApprovalDecision {
        public Approved {
            Checks.required(alert, "alert");
            Checks.required(audience, "audience");
            Checks.required(quorum, "quorum (use Optional.empty())");
            Checks.required(decidedAt, "decidedAt");
        }
    }

    /** Do not send; {@code detail} is for the dispatcher and contains no personal data. */
    record Rejected(Alert alert, RejectionReason reason, String detail, Optional<QuorumResult> quorum,
            Instant decidedAt) implements ApprovalDecision {
        public Rejected {
            Checks.required(alert, "alert");
            Checks.required(reason, "reason");
            Checks.required(detail, "detail");
            Checks.required(quorum, "quorum (use Optional.empty())");
            Checks.required(decidedAt, "decidedAt");
        }
    }
}
