package org.aviso.core.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aviso.core.alert.Audience;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;
import org.aviso.core.tree.Network;

/**
 * A network's delivery settings, and the way tracks are started with them.
 *
 * @param receiptTimeout   how long to wait for a Signal delivery receipt before SMS (default 90 s)
 * @param signalQueueLimit how long a person may wait in the Signal queue before SMS instead (default 2 min)
 */
public record DeliveryRules(Duration receiptTimeout, Duration signalQueueLimit) {

    public DeliveryRules {
        Checks.positive(receiptTimeout, "receipt timeout");
        Checks.positive(signalQueueLimit, "Signal queue limit");
    }

    public DeliveryRules(Duration receiptTimeout) {
        this(receiptTimeout, RecipientTrack.DEFAULT_SIGNAL_QUEUE_LIMIT);
    }

    /** The same rules with the network's Signal queue limit. */
    public DeliveryRules withSignalQueueLimit(Duration limit) {
        return new DeliveryRules(receiptTimeout, limit);
    }

    public static DeliveryRules defaults() {
        return new DeliveryRules(Network.DEFAULT_RECEIPT_TIMEOUT);
    }

    public static DeliveryRules of(Network network) {
        return new DeliveryRules(network.receiptTimeout());
    }

    public RecipientTrack track(Recipient recipient, Instant startedAt, ChannelPolicy channels) {
        return new RecipientTrack(recipient, startedAt, channels, receiptTimeout, signalQueueLimit, false);
    }

    /**
     * Tracks for the frozen members of {@code covered}'s backup group, started {@code at} the moment the caller acts
     * on {@link RecipientDecision#coverWithBackup()}. People already in the alert's audience are not added twice:
     * they have their own track.
     */
    public List<RecipientTrack> backupTracks(Recipient covered, Audience audience, Instant at, ChannelPolicy channels) {
        Checks.required(covered, "covered recipient");
        Checks.required(audience, "audience");
        List<Recipient> members = covered.backup().map(audience::backupsFor).orElse(List.of());
        return members.stream()
                .filter(member -> !member.person().equals(covered.person()) && !audience.contains(member.person()))
                .map(member -> track(member, at, channels))
                .toList();
    }
}
