package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.SendOutcome;

/**
 * What Prometheus sees of the pipeline: deliveries by channel and outcome, queue depth and age, and the time
 * from send to delivered. No label ever carries a person, number or alert id.
 */
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong oldestQueuedSeconds = new AtomicLong();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("aviso_delivery_queue_depth", queueDepth, AtomicLong::get)
                .description("Deliveries waiting to be sent").register(registry);
        Gauge.builder("aviso_delivery_queue_oldest_seconds", oldestQueuedSeconds, AtomicLong::get)
                .description("Age of the oldest delivery waiting to be sent").register(registry);
    }

    void sendOutcome(Channel channel, SendOutcome outcome) {
        String kind;
        String reason;
        if (outcome instanceof SendOutcome.Accepted) {
            kind = "accepted";
            reason = "none";
        } else if (outcome instanceof SendOutcome.Retryable retryable) {
            kind = "retryable";
            reason = retryable.reason().name().toLowerCase();
        } else {
            kind = "permanent";
            reason = ((SendOutcome.Permanent) outcome).reason().name().toLowerCase();
        }
        Counter.builder("aviso_deliveries_total")
                .description("Send attempts by channel and outcome")
                .tag("channel", channel.name().toLowerCase())
                .tag("outcome", kind)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void delivered(Channel channel, Duration sinceSent) {
        if (sinceSent.isNegative()) {
            return;
        }
        Timer.builder("aviso_delivery_time_to_delivered")
                .description("Time from a provider accepting a message to its delivery receipt")
                .tag("channel", channel.name().toLowerCase())
                .register(registry)
                .record(sinceSent);
    }

    void queue(long depth, long oldestSeconds) {
        queueDepth.set(depth);
        oldestQueuedSeconds.set(oldestSeconds);
    }
}
