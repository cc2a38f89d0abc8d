package org.aviso.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.aviso.core.common.Channel;
import org.aviso.core.escalation.ChannelSend;
import org.aviso.core.escalation.DeliveryEvent;
import org.aviso.core.escalation.DeliveryPlanner;
import org.aviso.core.escalation.RecipientDecision;
import org.aviso.core.escalation.RecipientTrack;
import org.aviso.core.escalation.SignalFailure;

/**
 * Plays the gateway's part around {@link DeliveryPlanner} for one recipient: each tick asks for a decision and
 * records {@link DeliveryEvent.SendRecorded} for every send, as writing the outbox row would; provider callbacks and
 * replies are added with the methods below.
 */
public final class DeliveryHarness {

    private final RecipientTrack track;
    private final TestClock clock;
    private final List<DeliveryEvent> events = new ArrayList<>();
    private final List<ChannelSend> sent = new ArrayList<>();
    private RecipientDecision last;

    public DeliveryHarness(RecipientTrack track, TestClock clock) {
        this.track = track;
        this.clock = clock;
    }

    public List<ChannelSend> tickAt(Duration offset) {
        clock.moveTo(offset);
        return tick();
    }

    public List<ChannelSend> tick() {
        last = DeliveryPlanner.decide(track, List.copyOf(events), clock.instant());
        for (ChannelSend send : last.send()) {
            sent.add(send);
            events.add(new DeliveryEvent.SendRecorded(send.channel(), clock.instant()));
        }
        return last.send();
    }

    public DeliveryHarness signalAccepted() {
        events.add(new DeliveryEvent.SignalAccepted(clock.instant()));
        return this;
    }

    public DeliveryHarness signalFailed(SignalFailure reason) {
        events.add(new DeliveryEvent.SignalFailed(reason, clock.instant()));
        return this;
    }

    public DeliveryHarness delivered(Channel channel, Duration offset) {
        clock.moveTo(offset);
        events.add(new DeliveryEvent.Delivered(channel, clock.instant()));
        return this;
    }

    public DeliveryHarness acknowledged(Duration offset) {
        clock.moveTo(offset);
        events.add(new DeliveryEvent.Acknowledged(clock.instant()));
        return this;
    }

    public DeliveryHarness record(DeliveryEvent event) {
        events.add(event);
        return this;
    }

    public RecipientDecision lastDecision() {
        return last;
    }

    public List<ChannelSend> everythingSent() {
        return List.copyOf(sent);
    }

    public long sentOn(Channel channel) {
        return sent.stream().filter(s -> s.channel() == channel).count();
    }

    public RecipientTrack track() {
        return track;
    }

    public List<DeliveryEvent> events() {
        return List.copyOf(events);
    }
}
