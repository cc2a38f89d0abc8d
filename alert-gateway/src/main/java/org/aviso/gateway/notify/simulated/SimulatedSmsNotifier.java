package org.aviso.gateway.notify.simulated;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Demo SMS: records the message in the demo inbox; a simulated carrier reports it delivered. */
@Component
@Conditional(SimulatedChannelCondition.Sms.class)
class SimulatedSmsNotifier implements Notifier {

    static final String SENDER = "MGdemo0000000000000000000000000000";

    private final DemoInbox inbox;
    private final SimulatedWorld world;
    private final SimulationProperties properties;

    SimulatedSmsNotifier(DemoInbox inbox, SimulatedWorld world, SimulationProperties properties) {
        this.inbox = inbox;
        this.world = world;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public List<SenderAccount> senders() {
        return List.of(new SenderAccount(SENDER, properties.ratePerSecond(), true));
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        Optional<DemoInbox.Holder> holder = inbox.holder(message.to());
        if (holder.isEmpty()) {
            return SendOutcome.Permanent.of(FailureReason.INVALID_NUMBER);
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        inbox.record(holder.get(), Channel.SMS, "OUT", message.body(), "SENT", sid);
        world.smsSent(message.deliveryId(), sid, message.to(), SENDER, holder.get());
        return SendOutcome.Accepted.of(sid);
    }
}
