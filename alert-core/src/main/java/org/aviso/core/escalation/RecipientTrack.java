package org.aviso.core.escalation;

import java.time.Duration;
import java.time.Instant;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Checks;

/**
 * One recipient of one alert (or one page), the unit the {@link DeliveryPlanner} decides about.
 *
 * @param startedAt      when this recipient's delivery began; the acknowledgement timeout counts from here
 * @param receiptTimeout how long to wait for a Signal delivery receipt before falling back to SMS
 * @param cancelled      the alert was ended before this recipient was reached
 */
public record RecipientTrack(
        Recipient recipient, Instant startedAt, ChannelPolicy channels, Duration receiptTimeout, boolean cancelled) {

    public RecipientTrack {
        Checks.required(recipient, "recipient");
        Checks.required(startedAt, "startedAt");
        Checks.required(channels, "channel policy");
        Checks.positive(receiptTimeout, "receipt timeout");
    }

    public RecipientTrack cancel() {
        return new RecipientTrack(recipient, startedAt, channels, receiptTimeout, true);
    }
}
