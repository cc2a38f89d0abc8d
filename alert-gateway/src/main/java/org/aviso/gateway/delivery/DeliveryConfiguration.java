package org.aviso.gateway.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.crypto.FieldCipher;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the pipeline; the one place that registers every channel's notifier with it. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /** Pacing and leases are physical time, whatever clock the domain runs on. */
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    @Bean
    Outbox outbox(JdbcClient jdbc, WorkBell bell) {
        return new Outbox(jdbc).ringing(bell);
    }

    @Bean
    SenderPacer senderPacer(JdbcClient jdbc) {
        return new SenderPacer(jdbc, WALL_CLOCK);
    }

    @Bean
    MessageBodies messageBodies(JdbcClient jdbc, FieldCipher cipher) {
        return new MessageBodies(jdbc, cipher);
    }

    @Bean
    PhoneBook phoneBook(JdbcClient jdbc, FieldCipher cipher) {
        return new PhoneBook(jdbc, cipher);
    }

    @Bean
    OutcomeEffects outcomeEffects(TreeStore tree, ChannelTasks tasks, BlindIndex blindIndex, JdbcTemplate jdbc) {
        return new OutcomeEffects(tree, tasks, blindIndex, jdbc);
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry) {
        return new DeliveryMetrics(registry);
    }

    @Bean
    RecipientTracker recipientTracker(JdbcClient jdbc, JdbcTemplate template, FieldCipher cipher,
            TransactionTemplate transactions, Clock clock, ConfiguredChannels channels, WorkBell bell) {
        return new RecipientTracker(jdbc, template, cipher, transactions, clock, channels, bell);
    }

    @Bean
    DeliveryEngine deliveryEngine(List<Notifier> notifiers, ObjectProvider<DeliveryEngine.Tickable> tickables,
            Outbox outbox, SenderPacer pacer, MessageBodies bodies, PhoneBook phones, OutcomeEffects effects,
            BlindIndex blindIndex, DeliveryProperties properties, DeliveryMetrics metrics, RecipientTracker tracker,
            TransactionTemplate transactions, JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${aviso.command:}") String command,
            InboundEventHandler receipts, org.aviso.gateway.settings.DemoMode demo,
            List<org.aviso.gateway.notify.SentMessages> sentMessages, WorkBell bell) {
        if (notifiers.isEmpty() && !demo.enabled() && command.isBlank()) {
            // a real installation with no way to reach anyone must not start and look healthy
            throw new IllegalStateException("No channel is configured: set AVISO_SIGNAL_BASE_URL (with "
                    + "AVISO_SIGNAL_ACCOUNTS) and/or AVISO_TWILIO_ACCOUNT_SID (with its token and sender), or "
                    + "AVISO_DEMO_ENABLED=true for a demo that sends nothing real");
        }
        String node = DeliveryEngine.newNodeId();
        List<ChannelWorker> workers = new ArrayList<>();
        List<ExecutorService> pools = new ArrayList<>();
        java.util.concurrent.ScheduledExecutorService dispatcher = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "aviso-dispatcher");
                    thread.setDaemon(true);
                    return thread;
                });
        pools.add(dispatcher);
        java.util.Map<String, java.util.concurrent.atomic.AtomicLong> gates = new java.util.concurrent.ConcurrentHashMap<>();
        for (Notifier notifier : notifiers) {
            ExecutorService pool = DeliveryEngine.sendPool(notifier.channel().name().toLowerCase(),
                    properties.sendConcurrency());
            pools.add(pool);
            WorkerContext context = new WorkerContext(notifier, outbox, transactions, clock, WALL_CLOCK, properties,
                    node);
            workers.add(new ChannelWorker(context, bodies, phones, new PaceStage(context, pacer, dispatcher, gates, pool),
                    new RecordStage(context, pacer, metrics, blindIndex, effects, receipts)));
        }
        UnknownOutcomes unknownOutcomes = new UnknownOutcomes(outbox, sentMessages.stream()
                .filter(lookup -> lookup.channel() == org.aviso.core.common.Channel.SMS).findFirst(), bodies, phones,
                transactions, clock);
        DeliveryEngine engine = new DeliveryEngine(workers, tracker, tickables.orderedStream().toList(), outbox, jdbc,
                metrics, properties, transactions, clock, WALL_CLOCK, node, pools, receipts, unknownOutcomes, bell);
        engine.commandMode(!command.isBlank());
        return engine;
    }
}
