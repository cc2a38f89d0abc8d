package org.aviso.gateway.notify.simulated;

import java.util.List;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Demo Signal: records the message in the demo inbox instead of sending it; numbers without "Signal" fail. */
@Component
@Conditional(SimulatedChannelCondition.Signal.class)
class SimulatedSignalNotifier implements Notifier {

    static final String ACCOUNT = "+15550100000";

    private final DemoInbox inbox;
    private final SimulatedWorld world;
    private final SimulationProperties properties;

    SimulatedSignalNotifier(DemoInbox inbox, SimulatedWorld world, SimulationProperties properties) {
        this.inbox = inbox;
        this.world = world;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.SIGNAL;
    }

    @Override
    public List<SenderAccount> senders() {
        return List.of(new SenderAccount(ACCOUNT, properties.ratePerSecond(), false));
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        if (!SimulatedWorld.hasSignal(message.to())) {
            return SendOutcome.Permanent.of(FailureReason.NOT_ON_SIGNAL);
        }
        Optional<DemoInbox.Holder> holder = inbox.holder(message.to());
        if (holder.isEmpty()) {
            return SendOutcome.Permanent.of(FailureReason.REJECTED);
        }
        long timestamp = world.nextTimestamp();
        inbox.record(holder.get(), Channel.SIGNAL, "OUT", message.body(), "SENT", String.valueOf(timestamp));
        world.signalSent(message.sender(), message.to(), timestamp, holder.get());
        return new SendOutcome.Accepted(String.valueOf(timestamp), Optional.of(SimulatedWorld.aciOf(message.to())));
    }
}
