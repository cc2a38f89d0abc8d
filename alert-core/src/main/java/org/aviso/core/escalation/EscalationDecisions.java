package org.aviso.core.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aviso.core.common.Checks;

/**
 * What to do now and when to look again.
 *
 * @param notifications notifications due now, in step then recipient order (named so because a record component
 *                      cannot be called {@code notify}: it would clash with {@link Object#notify()})
 * @param nextTickAt when the next step falls due; empty when no further step is scheduled
 * @param stopped    true when nothing will ever be decided again (stopped, cancelled or out of steps)
 * @param stopReason why it stopped; empty while running
 */
public record EscalationDecisions(
        List<NotifyDecision> notifications, Optional<Instant> nextTickAt, boolean stopped, String stopReason) {

    public EscalationDecisions {
        Checks.noNulls(notifications, "notifications");
        notifications = List.copyOf(notifications);
        Checks.required(nextTickAt, "nextTickAt (use Optional.empty())");
        Checks.required(stopReason, "stop reason (empty while running)");
        if (stopped && (!notifications.isEmpty() || nextTickAt.isPresent())) {
            throw new IllegalArgumentException("a stopped escalation decides nothing more");
        }
        if (stopped == stopReason.isEmpty()) {
            throw new IllegalArgumentException("a stopped escalation says why, a running one does not");
        }
    }

    static EscalationDecisions stopped(String reason) {
        return new EscalationDecisions(List.of(), Optional.empty(), true, reason);
    }
}
