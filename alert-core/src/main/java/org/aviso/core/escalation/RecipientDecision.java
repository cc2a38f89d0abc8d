package org.aviso.core.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aviso.core.common.Checks;

/**
 * What to do for one recipient now.
 *
 * @param send            messages to send now (at most one per channel, and never one already recorded)
 * @param nextCheckAt     when the decision could change without a new event (receipt or acknowledgement timeout,
 *                        queue limit), or when to look at a Signal message that may be accepted meanwhile: an
 *                        acceptance is not an event the caller is woken by, so this look starts its receipt clock
 * @param coverWithBackup start tracks for the recipient's frozen backup group; repeated until the caller records
 *                        {@link DeliveryEvent.BackupCovered}
 * @param state           a summary for the console
 */
public record RecipientDecision(
        List<ChannelSend> send, Optional<Instant> nextCheckAt, boolean coverWithBackup, RecipientState state) {

    public RecipientDecision {
        Checks.noNulls(send, "sends");
        send = List.copyOf(send);
        Checks.required(nextCheckAt, "nextCheckAt (use Optional.empty())");
        Checks.required(state, "state");
        if (send.stream().map(ChannelSend::channel).distinct().count() != send.size()) {
            throw new IllegalArgumentException("at most one send per channel");
        }
    }

    /** Nothing will happen for this recipient unless a new event arrives. */
    public boolean isSettled() {
        return send.isEmpty() && nextCheckAt.isEmpty() && !coverWithBackup;
    }
}
