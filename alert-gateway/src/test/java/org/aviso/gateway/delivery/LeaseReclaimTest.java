package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that died while holding deliveries. Rows whose provider call never started are sent again normally; rows
 * whose call may have started are "outcome unknown": never resent on Signal (the receipt timeout moves those people
 * to SMS), and for SMS the provider's own list decides (found = sent, not found = send it now).
 */
@AvisoTest
class LeaseReclaimTest {

    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aLateWriteOfAClaimWhoseLeaseRanOutLeavesTheNextClaimOfTheSameRowsAlone() {
        TestData.SmallNetwork network = data.smallNetwork("Late");
        GroupId staff = data.drillStaffOnSignal(network, 2);
        AlertService.Outcome sent = compose(network, staff);
        Instant now = clock.instant();
        Instant wallNow = Instant.now();
        // claim 1 of this node: its lease runs out (the database was down longer than the lease) before any call
        List<Outbox.Claimed> first = transactions.execute(s -> outbox.claim(Channel.SIGNAL, 10, "node-1/1", now,
                wallNow.minusSeconds(1)));
        assertThat(first).hasSize(2);
        assertThat(engine.reclaimExpiredLeases()).as("back in the queue, never called").isEqualTo(2);
        // claim 2 of the same node takes them again
        List<Outbox.Claimed> second = transactions.execute(s -> outbox.claim(Channel.SIGNAL, 10, "node-1/2", now,
                wallNow.plusSeconds(20)));
        assertThat(second).hasSize(2);
        List<Long> ids = second.stream().map(Outbox.Claimed::id).toList();

        // claim 1's writes, late: marking its rows started and writing them back as "try again later"
        Set<Long> markedLate = transactions.execute(s -> outbox.markCallStarted(ids, "node-1/1", now));
        assertThat(markedLate).as("claim 1 cannot start calls for rows claim 2 holds").isEmpty();
        transactions.executeWithoutResult(s -> outbox.record(ids.stream().map(id -> new Outbox.Result(id, "QUEUED",
                null, null, null, "NETWORK_ERROR", null, now.plusSeconds(5))).toList(), "node-1/1"));
        assertThat(jdbc.queryForList("select status || ' ' || lease_owner from delivery where id = any(?)",
                String.class, (Object) ids.toArray(Long[]::new)))
                .as("still claim 2's").containsOnly("SENDING node-1/2");

        // claim 2's own writes land
        Set<Long> marked = transactions.execute(s -> outbox.markCallStarted(ids, "node-1/2", now));
        assertThat(marked).hasSize(2);
        transactions.executeWithoutResult(s -> outbox.record(ids.stream().map(id -> new Outbox.Result(id, "SENT",
                "+15550100001", "17524" + id, null, null, now, null)).toList(), "node-1/2"));
        assertThat(statuses(sent, "SIGNAL")).containsOnly("SENT");
    }

    @Test
    void deliveriesWhoseCallNeverStartedAreSentNormallyAfterTheNodeDies() {
        TestData.SmallNetwork network = data.smallNetwork("Unstarted");
        GroupId staff = data.group(network.network(), Optional.of(network.site()), "Staff", Tier.STAFF,
                EnumSet.of(AlertKind.DRILL));
        for (int i = 0; i < 3; i++) {
            // numbers ending in 1: on Signal in the simulated world
            data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF), Language.ENGLISH,
                    SignalStatus.ON_SIGNAL, new PhoneNumber(String.format("+1555%06d1", (int) (Math.random() * 999_999))),
                    null, staff);
        }
        AlertService.Outcome sent = compose(network, staff);
        // the node claimed them and died before writing down that any call started
        assertThat(jdbc.update("update delivery set status = 'SENDING', lease_owner = 'dead-node', "
                + "lease_until = now() - interval '1 minute', attempts = 1 where alert_id = ?", sent.alert().value()))
                .isEqualTo(3);

        assertThat(engine.reclaimExpiredLeases()).isEqualTo(3);
        engine.runUntilIdle();

        assertThat(statuses(sent, "SIGNAL")).as("sent, not written off as unknown").hasSize(3)
                .doesNotContain("UNKNOWN", "QUEUED", "SENDING", "FAILED");
        assertThat(demoMessages(sent, "SIGNAL")).as("one Signal message each").isEqualTo(3);
        clock.advance(Duration.ofSeconds(91));
        engine.runUntilIdle();
        assertThat(statuses(sent, "SMS")).as("a receipt came, so no SMS").isEmpty();
    }

    @Test
    void signalDeliveriesWhoseCallMayHaveStartedBecomeUnknownAndFallBackToSmsAfterTheReceiptTimeout() {
        TestData.SmallNetwork network = data.smallNetwork("Lease");
        GroupId staff = data.drillStaffOnSignal(network, 3);
        AlertService.Outcome sent = compose(network, staff);
        int claimed = jdbc.update("update delivery set status = 'SENDING', lease_owner = 'dead-node', "
                + "lease_until = now() - interval '1 minute', attempts = 1, call_started_at = ? where alert_id = ?",
                java.sql.Timestamp.from(clock.instant()), sent.alert().value());
        assertThat(claimed).isEqualTo(3);

        assertThat(engine.reclaimExpiredLeases()).isEqualTo(3);
        engine.runUntilIdle();
        assertThat(statuses(sent, "SIGNAL")).containsOnly("UNKNOWN").hasSize(3);
        assertThat(statuses(sent, "SMS")).as("no SMS before the receipt timeout").isEmpty();

        clock.advance(Duration.ofSeconds(91));
        engine.runUntilIdle();

        assertThat(statuses(sent, "SIGNAL")).as("never sent again on Signal").containsOnly("UNKNOWN").hasSize(3);
        assertThat(demoMessages(sent, "SIGNAL")).isZero();
        assertThat(statuses(sent, "SMS")).containsOnly("SENT").hasSize(3);
    }

    @Test
    void anSmsWhoseOutcomeIsUnknownIsAskedOfTheProviderAndSentOnlyIfItNeverArrived() {
        TestData.SmallNetwork network = data.smallNetwork("Lookup");
        GroupId staff = data.group(network.network(), Optional.of(network.site()), "Staff", Tier.STAFF,
                EnumSet.of(AlertKind.DRILL));
        for (int i = 0; i < 4; i++) {
            data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF), Language.ENGLISH,
                    SignalStatus.NOT_ON_SIGNAL, null, staff);
        }
        AlertService.Outcome sent = compose(network, staff);
        engine.runUntilIdle();
        assertThat(statuses(sent, "SMS")).containsOnly("SENT").hasSize(4);
        List<Long> ids = jdbc.queryForList("select id from delivery where alert_id = ? and channel = 'SMS' order by id",
                Long.class, sent.alert().value());
        // two of them reached the provider before their node died; the other two never did (the provider has no
        // record of them): all four look the same to the outbox, call started and outcome unknown
        jdbc.update("delete from demo_message where provider_ref in (select provider_ref from delivery where id in (?, ?))",
                ids.get(2), ids.get(3));
        jdbc.update("update delivery set status = 'SENDING', lease_owner = 'dead-node', provider_ref = null, "
                + "sent_at = null, lease_until = now() - interval '1 minute', call_started_at = ? where alert_id = ? "
                + "and channel = 'SMS'", java.sql.Timestamp.from(clock.instant()), sent.alert().value());

        assertThat(engine.reclaimExpiredLeases()).isEqualTo(4);
        engine.runUntilIdle();
        assertThat(statuses(sent, "SMS")).as("not asked before the call has settled").containsOnly("UNKNOWN");

        clock.advance(UnknownOutcomes.SETTLE.plusSeconds(1));
        engine.runUntilIdle();

        assertThat(statuses(sent, "SMS")).containsOnly("SENT").hasSize(4);
        assertThat(jdbc.queryForList("select count(*) from demo_message m join delivery d on d.person_id = m.person_id "
                + "where d.alert_id = ? and d.channel = 'SMS' and m.channel = 'SMS' and m.direction = 'OUT' "
                + "group by m.person_id", Long.class, sent.alert().value()))
                .as("everyone has exactly one SMS: found ones were not sent again, missing ones were sent")
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(jdbc.queryForList("select provider_ref from delivery where alert_id = ? and channel = 'SMS'",
                String.class, sent.alert().value())).doesNotContainNull();
    }

    private AlertService.Outcome compose(TestData.SmallNetwork network, GroupId staff) {
        return alerts.compose(network.dispatcherASignedIn(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(network.site()),
                        Set.of(staff), ""));
    }

    private long demoMessages(AlertService.Outcome sent, String channel) {
        Long n = jdbc.queryForObject("select count(*) from demo_message m where m.channel = ? and m.direction = 'OUT' "
                + "and m.person_id in (select person_id from delivery where alert_id = ?)", Long.class, channel,
                sent.alert().value());
        return n == null ? 0 : n;
    }

    private List<String> statuses(AlertService.Outcome sent, String channel) {
        return jdbc.queryForList("select status from delivery where alert_id = ? and channel = ?", String.class,
                sent.alert().value(), channel);
    }

}
