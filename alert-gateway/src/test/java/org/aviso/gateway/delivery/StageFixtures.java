package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Stand-ins for testing one stage of a ChannelWorker without Spring or a database. */
final class StageFixtures {

    static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

    private StageFixtures() {
    }

    /** Runs the callback in a "transaction" that does nothing. */
    static TransactionTemplate transactions() {
        return new TransactionTemplate(new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
            }

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
            }
        });
    }

    static DeliveryProperties properties(int batchSize, Duration lease, int maxAttempts) {
        return new DeliveryProperties(true, batchSize, 500, 3, 64, lease, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofMinutes(5), maxAttempts);
    }

    static WorkerContext context(Notifier notifier, Outbox outbox, DeliveryProperties properties) {
        return context(notifier, outbox, properties, Clock.fixed(T0, ZoneOffset.UTC));
    }

    static WorkerContext context(Notifier notifier, Outbox outbox, DeliveryProperties properties, Clock wallClock) {
        return new WorkerContext(notifier, outbox, transactions(), Clock.fixed(T0, ZoneOffset.UTC), wallClock,
                properties, "node-1");
    }

    static OutboundMessage message(long id, String sender, int segments) {
        return new OutboundMessage(id, sender, PhoneNumber.of("+34600000" + String.format("%03d", id)), "text",
                segments);
    }

    static Outbox.Claimed claimed(long id, long trackId, int attempts, Channel channel) {
        return new Outbox.Claimed(id, trackId, UUID.randomUUID(), UUID.randomUUID(), null, null, UUID.randomUUID(),
                channel, "en", attempts);
    }

    /** A notifier with fixed senders whose sends are answered by {@code send}. */
    static Notifier notifier(Channel channel, int maxBatch, List<SenderAccount> senders,
            Function<OutboundMessage, SendOutcome> send) {
        return new Notifier() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public List<SenderAccount> senders() {
                return senders;
            }

            @Override
            public SendOutcome send(OutboundMessage message) {
                return send.apply(message);
            }

            @Override
            public int maxBatch() {
                return maxBatch;
            }
        };
    }
}
