package org.aviso.core.properties;

import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aviso.core.common.Channel;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryPlanner;
import org.aviso.core.escalation.RecipientDecision;
import org.aviso.core.escalation.RecipientTrack;
import org.aviso.core.escalation.SendReason;
import org.junit.jupiter.api.Test;

/**
 * The receipt clock as the gateway runs it: the tracker decides a person only at the looks it set itself (an
 * acceptance by Signal writes nothing to the track and wakes nobody), and an acceptance is written down a while after
 * it happened (outcomes are written in batches, later while the database is away). Over random receipt timeouts,
 * queue limits, queue waits, call lengths and write delays, with no receipt ever coming:
 * <ul>
 * <li>a message still queued at the queue limit is replaced by an SMS at the limit;</li>
 * <li>otherwise the SMS goes no sooner than the receipt timeout after the accept, never while the message is in
 * flight, and at most {@link DeliveryPlanner#IN_FLIGHT_LOOK} after the later of its deadline and its write;</li>
 * <li>every look is later than the one before (no busy loop), and the SMS always goes in the end.</li>
 * </ul>
 */
class ReceiptClockPropertiesTest {

    @Test
    void theFallbackSmsFollowsTheReceiptClockFromTheAcceptWithTheTrackersOwnLooksOnly() {
        Property.forAll(1_000, gen -> {
            Duration receiptTimeout = Duration.ofSeconds(gen.between(15, 600));
            Duration queueLimit = Duration.ofSeconds(gen.between(15, 600));
            RecipientTrack track = new RecipientTrack(aFamily().build(), T0, ChannelPolicy.SIGNAL_THEN_SMS,
                    receiptTimeout, queueLimit, false);
            // queued at T0, claimed, its call marked started, accepted, and that acceptance written down
            Instant claimed = T0.plusMillis(gen.between(0, 700_000));
            Instant started = claimed.plusMillis(gen.chance(0.5) ? gen.between(0, 200) : gen.between(0, 30_000));
            Instant accepted = started.plusMillis(gen.chance(0.5) ? gen.between(0, 500) : gen.between(0, 70_000));
            Instant written = accepted.plusMillis(gen.chance(0.5) ? gen.between(0, 200) : gen.between(0, 120_000));
            gen.note("receipt timeout " + receiptTimeout + ", queue limit " + queueLimit + ", claimed +"
                    + Duration.between(T0, claimed) + ", started +" + Duration.between(T0, started) + ", accepted +"
                    + Duration.between(T0, accepted) + ", written +" + Duration.between(T0, written));

            Instant look = T0;
            Instant smsAt = null;
            SendReason why = null;
            int looks = 0;
            while (look != null && smsAt == null) {
                looks++;
                assertThat(looks).as("looks at one person").isLessThan(10_000);
                List<DeliveryEvent> events = new ArrayList<>();
                if (looks > 1) {
                    // the first look is the plan that queues the message
                    events.add(new DeliveryEvent.SendRecorded(Channel.SIGNAL, T0));
                    if (!look.isBefore(written)) {
                        events.add(new DeliveryEvent.SignalAccepted(accepted));
                    } else if (!look.isBefore(claimed)) {
                        events.add(new DeliveryEvent.SignalInFlight(T0,
                                look.isBefore(started) ? Optional.empty() : Optional.of(started)));
                    }
                }
                RecipientDecision decision = DeliveryPlanner.decide(track, events, look);
                Optional<ChannelSend> sms = decision.send().stream().filter(s -> s.channel() == Channel.SMS).findFirst();
                if (sms.isPresent()) {
                    smsAt = look;
                    why = sms.get().reason();
                } else {
                    Instant next = decision.nextCheckAt().orElse(null);
                    assertThat(next == null || next.isAfter(look)).as("the next look is later than " + look).isTrue();
                    look = next;
                }
            }

            assertThat(smsAt).as("without a receipt the person gets an SMS").isNotNull();
            if (why == SendReason.SIGNAL_QUEUE_TOO_LONG) {
                assertThat(smsAt).as("still queued").isBefore(claimed);
                assertThat(smsAt).as("at the queue limit").isEqualTo(T0.plus(queueLimit));
                gen.collect("outcome", "queue limit");
            } else {
                assertThat(why).isEqualTo(SendReason.NO_RECEIPT);
                Instant deadline = accepted.plus(receiptTimeout);
                Instant known = deadline.isAfter(written) ? deadline : written;
                assertThat(smsAt).as("not while in flight").isAfterOrEqualTo(written);
                assertThat(smsAt).as("not before the receipt timeout from the accept").isAfterOrEqualTo(deadline);
                assertThat(smsAt).as("at most a few seconds after the deadline or the write")
                        .isBeforeOrEqualTo(known.plus(DeliveryPlanner.IN_FLIGHT_LOOK));
                gen.collect("outcome", written.isAfter(deadline) ? "written after the deadline" : "receipt timeout");
            }
        });
    }
}
