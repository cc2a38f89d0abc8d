package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What Prometheus reads after one alert: its Signal and SMS sends counted by channel and outcome, and each Signal
 * receipt's time to delivered; never a number. The application is shared with other test classes, so every figure
 * is read before and after the alert and only the difference counts.
 */
@AvisoTest
@AutoConfigureMockMvc
class MetricsTest {

    static final String SIGNAL_ACCEPTED = "aviso_deliveries_total{channel=\"signal\",outcome=\"accepted\",reason=\"none\"}";
    static final String SMS_ACCEPTED = "aviso_deliveries_total{channel=\"sms\",outcome=\"accepted\",reason=\"none\"}";
    static final String SIGNAL_DELIVERED = "aviso_delivery_time_to_delivered_seconds_count{channel=\"signal\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void countsEachSendOfAnAlertByChannelAndEachSignalReceipt() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Metrics");
        GroupId staff = data.drillStaffOnSignal(network, 4);
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF), Language.SPANISH,
                SignalStatus.NOT_ON_SIGNAL, null, staff);
        String before = scrape();

        AlertService.Outcome sent = alerts.compose(network.dispatcherASignedIn(), new AlertService.Composition(
                AlertKind.DRILL, Optional.empty(), Optional.of(network.site()), Set.of(staff), ""));
        engine.runUntilIdle();

        // the shared simulated world may refuse a send now and then; what counts is that the metrics say what
        // the outbox says
        long signalSent = accepted(sent, "SIGNAL");
        long smsSent = accepted(sent, "SMS");
        assertThat(signalSent).isBetween(1L, 4L);
        assertThat(smsSent).isGreaterThanOrEqualTo(1);
        String after = scrape();
        assertThat(value(after, SIGNAL_ACCEPTED) - value(before, SIGNAL_ACCEPTED)).isEqualTo(signalSent);
        assertThat(value(after, SMS_ACCEPTED) - value(before, SMS_ACCEPTED)).isEqualTo(smsSent);
        // the simulated phones answer with a delivery receipt on a thread of their own
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(scrape(), SIGNAL_DELIVERED) - value(before, SIGNAL_DELIVERED))
                        .isEqualTo(accepted(sent, "SIGNAL")));
        assertThat(after).contains("aviso_delivery_queue_depth ").contains("aviso_delivery_queue_oldest_seconds ");
        assertThat(scrape()).doesNotContainPattern("\\+1555\\d{7}").doesNotContain(sent.alert().value().toString());
    }

    /** Deliveries of this alert on this channel that the provider accepted (sent, then perhaps delivered or read). */
    private long accepted(AlertService.Outcome sent, String channel) {
        return jdbc.queryForObject("select count(*) from delivery where alert_id = ? and channel = ? and status in "
                + "('SENT', 'DELIVERED', 'READ')", Long.class, sent.alert().value(), channel);
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-only-scraper-token"))
                .andReturn().getResponse().getContentAsString();
    }

    /** A series' value in a scrape; a series not there yet counts as 0 (a counter appears at its first increment). */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
