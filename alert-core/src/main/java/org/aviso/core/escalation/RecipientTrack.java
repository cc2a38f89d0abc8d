package org.aviso.core.escalation;

import java.time.Duration;
import java.time.Instant;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;

/**
 * One recipient of one alert (or one page), the unit the {@link DeliveryPlanner} decides about.
 *
 * @param startedAt      when this recipient's delivery began; the acknowledgement timeout counts from here
 * @param receiptTimeout how long to wait for a Signal delivery receipt before falling back to SMS, counted from
 *                       when signal-cli accepted the message (or from the attempt when its outcome is unknown)
 * @param signalQueueLimit how long this person's Signal message may wait in the (paced) Signal queue before they get
 *                       an SMS instead; the queued Signal message is then withdrawn, so they get one channel
 * @param cancelled      the alert was ended before this recipient was reached
 */
public record RecipientTrack(
        Recipient recipient, Instant startedAt, ChannelPolicy channels, Duration receiptTimeout,
        Duration signalQueueLimit, boolean cancelled) {

    /** How long a person may wait in the Signal queue unless the network says otherwise. */
    public static final Duration DEFAULT_SIGNAL_QUEUE_LIMIT = Duration.ofMinutes(2);

    public RecipientTrack {
        Checks.required(recipient, "recipient");
        Checks.required(startedAt, "startedAt");
        Checks.required(channels, "channel policy");
        Checks.positive(receiptTimeout, "receipt timeout");
        Checks.positive(signalQueueLimit, "Signal queue limit");
    }

    public RecipientTrack(Recipient recipient, Instant startedAt, ChannelPolicy channels, Duration receiptTimeout,
            boolean cancelled) {
        this(recipient, startedAt, channels, receiptTimeout, DEFAULT_SIGNAL_QUEUE_LIMIT, cancelled);
    }

    public RecipientTrack cancel() {
        return new RecipientTrack(recipient, startedAt, channels, receiptTimeout, signalQueueLimit, true);
    }
}
