package org.aviso.gateway.notify.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.SentMessages;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Demo SMS history: the demo inbox is the simulated carrier's record of what it sent. */
@Component
@Conditional(SimulatedChannelCondition.Sms.class)
class SimulatedSentMessages implements SentMessages {

    private final DemoInbox inbox;

    SimulatedSentMessages(DemoInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Answer find(PhoneNumber to, String body, Instant notBefore,
            java.util.function.Predicate<String> takenElsewhere) {
        try {
            Optional<DemoInbox.Holder> holder = inbox.holder(to);
            if (holder.isEmpty()) {
                return new NotFound();
            }
            return inbox.sent(holder.get(), Channel.SMS, body, notBefore.minus(Duration.ofMinutes(2)))
                    .<Answer>map(Found::new).orElseGet(NotFound::new);
        } catch (RuntimeException failure) {
            return new Unavailable(failure.getClass().getSimpleName());
        }
    }
}
