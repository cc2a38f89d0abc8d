package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.notify.ReplyReceiver;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A receipt that beats the recording of its send is kept and applied when the send is written down. */
@AvisoTest
class EarlyReceiptTest {

    @Autowired
    InboundEventHandler inbound;
    @Autowired
    Outbox outbox;
    @Autowired
    TestData data;
    @Autowired
    BlindIndex blindIndex;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    TreeStore tree;
    @Autowired
    ChannelTasks tasks;
    @Autowired
    ReplyReceiver replies;
    @Autowired
    DeliveryMetrics metrics;
    @Autowired
    Clock clock;

    @Test
    void aReceiptHeardWhileTheDatabaseRestartsIsAppliedWhenItIsBack() {
        TestData.SmallNetwork network = data.smallNetwork("Restart");
        UUID person = network.dispatcherA().value();
        Long track = track(network, person);
        Long delivery = signalBeingSent(network, track, person);
        String aci = UUID.randomUUID().toString();
        transactions.executeWithoutResult(s -> outbox.record(List.of(new Outbox.Result(delivery, "SENT", "+15550100001",
                "1752400001999", blindIndex.of("aci", aci), null, Instant.parse("2026-03-02T15:00:01Z"), null)),
                "node-1"));
        // PostgreSQL restarting: the first three transactions cannot get a connection, as Spring reports it
        AtomicInteger refusals = new AtomicInteger(3);
        PlatformTransactionManager restarting = new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                if (refusals.getAndDecrement() > 0) {
                    throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
                }
                return transactionManager.getTransaction(definition);
            }

            @Override
            public void commit(TransactionStatus status) {
                transactionManager.commit(status);
            }

            @Override
            public void rollback(TransactionStatus status) {
                transactionManager.rollback(status);
            }
        };
        InboundEventHandler handler = new InboundEventHandler(jdbcClient, blindIndex, tree, tasks, replies, metrics,
                clock, restarting, new WorkBell());

        handler.signalReceipt("+15550100001", aci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(1752400001999L), Instant.parse("2026-03-02T15:00:03Z"));

        assertThat(refusals.get()).as("the database refused it three times first").isNegative();
        assertThat(jdbc.queryForObject("select status from delivery where id = ?", String.class, delivery))
                .as("signal-cli sends a receipt once: it must not be lost to the restart").isEqualTo("DELIVERED");
    }

    @Test
    void aReceiptArrivingBeforeTheSendIsRecordedIsAppliedWhenItIs() {
        TestData.SmallNetwork network = data.smallNetwork("Early");
        UUID person = network.dispatcherA().value();
        UUID escalation = UUID.randomUUID();
        jdbc.update("insert into escalation (id, network_id, subject, snapshot, started_at, status) "
                + "values (?, ?, 'report:x', '{}', now(), 'STOPPED')", escalation, network.network().value());
        Long track = jdbc.queryForObject("""
                insert into recipient_track (network_id, alert_id, escalation_id, step_key, person_id, tier, priority,
                                             language, channel_policy, started_at)
                values (?, null, ?, 'r0.s0', ?, 'DISPATCH_AND_NETWORK', 0, 'en',
                        'SIGNAL_THEN_SMS', now())
                returning id
                """, Long.class, network.network().value(), escalation, person);
        Long delivery = signalBeingSent(network, track, person);
        String aci = UUID.randomUUID().toString();

        inbound.signalReceipt("+15550100001", aci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(1752400000999L), Instant.parse("2026-03-02T15:00:03Z"));
        assertThat(jdbc.queryForObject("select count(*) from pending_receipt where provider_ref = '1752400000999'", Long.class)).isOne();

        transactions.executeWithoutResult(s -> {
            outbox.record(List.of(new Outbox.Result(delivery, "SENT", "+15550100001", "1752400000999",
                    blindIndex.of("aci", aci), null, Instant.parse("2026-03-02T15:00:01Z"), null)), "node-1");
            inbound.applyPendingReceipts(List.of("1752400000999"));
        });

        Map<String, Object> row = jdbc.queryForMap("select status, delivered_at from delivery where id = ?", delivery);
        assertThat(row.get("status")).isEqualTo("DELIVERED");
        assertThat(row.get("delivered_at")).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from pending_receipt where provider_ref = '1752400000999'", Long.class)).isZero();
    }

    @Test
    void aLateReceiptConfirmsASignalSendWhoseOutcomeWasUnknown() {
        TestData.SmallNetwork network = data.smallNetwork("Unknown");
        UUID person = network.dispatcherA().value();
        String aci = UUID.randomUUID().toString();
        jdbc.update("update person set signal_aci_index = ? where id = ?", blindIndex.of("aci", aci), person);
        Long track = track(network, person);
        // the node died during the call: no provider_ref, only when the call started
        Instant started = Instant.parse("2026-03-02T15:00:00Z");
        Long unknown = jdbc.queryForObject("""
                insert into delivery (track_id, network_id, escalation_id, step_key, person_id, channel, language, priority,
                                      status, due_at, created_at, call_started_at, sent_at, failure_reason)
                values (?, ?, (select escalation_id from recipient_track where id = ?), 'r0.s0', ?, 'SIGNAL', 'en', 0,
                        'UNKNOWN', now(), now(), ?, ?, 'OUTCOME_UNKNOWN')
                returning id
                """, Long.class, track, network.network().value(), track, person,
                java.sql.Timestamp.from(started), java.sql.Timestamp.from(started));

        // a receipt for some other message of hers, an hour later, says nothing about this one
        inbound.signalReceipt("+15550100001", aci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(started.plusSeconds(3600).toEpochMilli()), started.plusSeconds(3601));
        assertThat(jdbc.queryForObject("select status from delivery where id = ?", String.class, unknown))
                .isEqualTo("UNKNOWN");

        // signal-cli stamped the message 300 ms after our mark: her phone's receipt names that stamp
        long stamp = started.plusMillis(300).toEpochMilli();
        inbound.signalReceipt("+15550100001", aci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(stamp), started.plusSeconds(5));

        Map<String, Object> row = jdbc.queryForMap(
                "select status, provider_ref, delivered_at from delivery where id = ?", unknown);
        assertThat(row.get("status")).as("a late receipt confirms it").isEqualTo("DELIVERED");
        assertThat(row.get("provider_ref")).isEqualTo(String.valueOf(stamp));
        assertThat(row.get("delivered_at")).isNotNull();
    }

    @Test
    void theSweepAppliesAWaitingReceiptOnceItsSendIsRecordedAndKeepsTheOthers() {
        TestData.SmallNetwork network = data.smallNetwork("Sweep");
        UUID recordedPerson = network.dispatcherA().value();
        UUID sendingPerson = network.dispatcherB().value();
        Long recorded = signalBeingSent(network, track(network, recordedPerson), recordedPerson);
        Long sending = signalBeingSent(network, track(network, sendingPerson), sendingPerson);
        String aci = UUID.randomUUID().toString();
        String otherAci = UUID.randomUUID().toString();
        inbound.signalReceipt("+15550100001", aci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(1752400002999L), Instant.parse("2026-03-02T15:00:03Z"));
        inbound.signalReceipt("+15550100001", otherAci, Optional.empty(), InboundEvents.ReceiptKind.DELIVERED,
                List.of(1752400003999L), Instant.parse("2026-03-02T15:00:03Z"));
        // recorded without looking for waiting receipts (the worker's own look failed): only the sweep finds it
        transactions.executeWithoutResult(s -> outbox.record(List.of(new Outbox.Result(recorded, "SENT",
                "+15550100001", "1752400002999", blindIndex.of("aci", aci), null,
                Instant.parse("2026-03-02T15:00:01Z"), null)), "node-1"));

        assertThat(inbound.sweepPendingReceipts()).isOne();

        assertThat(jdbc.queryForObject("select status from delivery where id = ?", String.class, recorded))
                .isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("select status from delivery where id = ?", String.class, sending))
                .as("its send is not recorded yet").isEqualTo("SENDING");
        assertThat(jdbc.queryForList("select provider_ref from pending_receipt where provider_ref in "
                + "('1752400002999', '1752400003999')", String.class)).containsExactly("1752400003999");
    }

    /** A Signal delivery node-1 has claimed and is sending. */
    private Long signalBeingSent(TestData.SmallNetwork network, Long track, UUID person) {
        return jdbc.queryForObject("""
                insert into delivery (track_id, network_id, escalation_id, step_key, person_id, channel, language, priority,
                                      status, due_at, created_at, lease_owner)
                values (?, ?, (select escalation_id from recipient_track where id = ?), 'r0.s0', ?, 'SIGNAL', 'en', 0,
                        'SENDING', now(), now(), 'node-1')
                returning id
                """, Long.class, track, network.network().value(), track, person);
    }

    private Long track(TestData.SmallNetwork network, UUID person) {
        UUID escalation = UUID.randomUUID();
        jdbc.update("insert into escalation (id, network_id, subject, snapshot, started_at, status) "
                + "values (?, ?, 'report:x', '{}', now(), 'STOPPED')", escalation, network.network().value());
        return jdbc.queryForObject("""
                insert into recipient_track (network_id, alert_id, escalation_id, step_key, person_id, tier, priority,
                                             language, channel_policy, started_at)
                values (?, null, ?, 'r0.s0', ?, 'DISPATCH_AND_NETWORK', 0, 'en',
                        'SIGNAL_THEN_SMS', now())
                returning id
                """, Long.class, network.network().value(), escalation, person);
    }
}
