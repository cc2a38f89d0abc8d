package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that died while holding deliveries: once its lease runs out they are reclaimed as "outcome unknown", never
 * sent again on Signal, and the receipt timeout moves those people to SMS.
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

    @Test
    void deliveriesOfADeadNodeBecomeUnknownAndFallBackToSmsAfterTheReceiptTimeout() {
        TestData.SmallNetwork network = data.smallNetwork("Lease");
        GroupId staff = data.drillStaffOnSignal(network, 3);
        AlertService.Outcome sent = alerts.compose(network.dispatcherASignedIn(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(network.site()),
                        Set.of(staff), ""));
        // the node that claimed them died before writing anything down
        int claimed = jdbc.update("update delivery set status = 'SENDING', lease_owner = 'dead-node', "
                + "lease_until = now() - interval '1 minute', attempts = 1 where alert_id = ?", sent.alert().value());
        assertThat(claimed).isEqualTo(3);

        assertThat(engine.reclaimExpiredLeases()).isEqualTo(3);
        engine.runUntilIdle();
        assertThat(statuses(sent, "SIGNAL")).containsOnly("UNKNOWN").hasSize(3);
        assertThat(statuses(sent, "SMS")).as("no SMS before the receipt timeout").isEmpty();

        clock.advance(Duration.ofSeconds(91));
        engine.runUntilIdle();

        assertThat(statuses(sent, "SIGNAL")).as("never sent again on Signal").containsOnly("UNKNOWN").hasSize(3);
        assertThat(statuses(sent, "SMS")).containsOnly("SENT").hasSize(3);
    }

    private java.util.List<String> statuses(AlertService.Outcome sent, String channel) {
        return jdbc.queryForList("select status from delivery where alert_id = ? and channel = ?", String.class,
                sent.alert().value(), channel);
    }
}
