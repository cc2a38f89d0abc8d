package org.aviso.gateway.notify.simulated;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The demo's pretend phones: they send delivery receipts after a realistic delay and, when enabled, staff answer
 * "OK" a little later. Whether a number "has Signal" is decided by its last digit (7, 8, 9: no), so the seed can
 * show families who get SMS.
 */
@Component
@Conditional(SimulatedChannelCondition.Any.class)
public class SimulatedWorld implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWorld.class);

    private final ObjectProvider<InboundEvents> inbound;
    private final DemoInbox inbox;
    private final SimulationProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "aviso-demo-phones");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong lastTimestamp = new AtomicLong();

    SimulatedWorld(ObjectProvider<InboundEvents> inbound, DemoInbox inbox, SimulationProperties properties, Clock clock) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.properties = properties;
        this.clock = clock;
    }

    static boolean hasSignal(PhoneNumber phone) {
        char last = phone.e164().charAt(phone.e164().length() - 1);
        return last != '7' && last != '8' && last != '9';
    }

    /** A stable, made-up Signal account id for a number. */
    static String aciOf(PhoneNumber phone) {
        return UUID.nameUUIDFromBytes(("demo-aci:" + phone.e164()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A unique, increasing send timestamp, as signal-cli returns. */
    long nextTimestamp() {
        long now = clock.millis();
        return lastTimestamp.updateAndGet(previous -> Math.max(previous + 1, now));
    }

    void signalSent(String account, PhoneNumber to, long timestamp, DemoInbox.Holder holder) {
        later(() -> {
            inbound.getObject().signalReceipt(account, aciOf(to), Optional.of(to), InboundEvents.ReceiptKind.DELIVERED,
                    List.of(timestamp), clock.instant());
            inbox.status(String.valueOf(timestamp), "DELIVERED");
        }, receiptDelay());
        maybeAnswer(Channel.SIGNAL, account, to, holder);
    }

    void smsSent(long deliveryId, String sid, PhoneNumber to, String account, DemoInbox.Holder holder) {
        later(() -> {
            inbound.getObject().smsStatus(deliveryId, sid, "delivered", Optional.empty(), clock.instant());
            inbox.status(sid, "DELIVERED");
        }, receiptDelay().plusSeconds(1));
        maybeAnswer(Channel.SMS, account, to, holder);
    }

    /** Simulated staff and site leads answer OK, as busy people do: not all, not at once. */
    private void maybeAnswer(Channel channel, String account, PhoneNumber from, DemoInbox.Holder holder) {
        boolean staff = holder.roles().contains("STAFF") || holder.roles().contains("SITE_LEAD");
        if (!properties.autoReplies() || !staff || ThreadLocalRandom.current().nextInt(3) == 0) {
            return;
        }
        Duration delay = Duration.ofSeconds(8 + ThreadLocalRandom.current().nextInt(20));
        later(() -> reply(channel, account, from, holder.language().startsWith("es") ? "Recibido" : "OK"), delay);
    }

    /** Someone answers: recorded in the demo inbox, handled like any reply, and Aviso's answer recorded too. */
    public Optional<String> reply(Channel channel, String account, PhoneNumber from, String text) {
        Optional<DemoInbox.Holder> holder = inbox.holder(from);
        holder.ifPresent(h -> inbox.record(h, channel, "IN", text, "RECEIVED", null));
        Optional<String> answer = inbound.getObject().reply(new InboundEvents.InboundReply(channel, account,
                Optional.of(from), channel == Channel.SIGNAL ? Optional.of(aciOf(from)) : Optional.empty(), text,
                Optional.empty(), clock.instant(), false));
        // looked up again: the message may have enrolled the sender (JOIN) or erased them (LEAVE)
        answer.ifPresent(a -> inbox.holder(from).ifPresent(h -> inbox.record(h, channel, "OUT", a, "DELIVERED", null)));
        return answer;
    }

    private Duration receiptDelay() {
        long min = properties.receiptDelayMin().toMillis();
        long max = Math.max(min, properties.receiptDelayMax().toMillis());
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(max - min + 1));
    }

    private void later(Runnable action, Duration delay) {
        scheduler.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("A simulated phone event failed: {}", e.getClass().getSimpleName());
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
