package org.aviso.gateway.retention;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.alert.AlertCheck;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@AvisoTest
class RetentionJobTest {

    @Autowired
    RetentionJob retention;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertCheck check;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deletesDetailsOlderThanTheNetworksRetentionAndKeepsCounts() {
        TestData.SmallNetwork network = data.smallNetwork("Retention");
        AvisoPrincipal dana = network.dispatcherASignedIn();
        var old = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "old report text", Optional.empty()));
        reports.claim(dana, old.id());
        reports.resolve(dana, old.id(), ReportStatus.VERIFIED);
        var advisory = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY, Optional.of(old.id()),
                Optional.empty(), Set.of(network.dispatchers()), "watch the gate"));
        engine.runUntilIdle();
        String code = jdbc.queryForObject("select code from alert where id = ?", String.class, advisory.alert().value());
        long oldDeliveries = count("select count(*) from delivery where alert_id = ?", advisory.alert().value());
        assertThat(oldDeliveries).isPositive();

        clock.advance(Duration.ofDays(29));
        Map<String, Integer> early = retention.run();
        early.remove("unmatchedReceipts"); // installation-wide, not this network's
        assertThat(early.values()).allMatch(deleted -> deleted == 0);

        clock.advance(Duration.ofDays(2));
        var recent = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "recent report", Optional.empty()));
        Map<String, Integer> deleted = retention.run();

        assertThat(deleted.get("reports")).isEqualTo(1);
        assertThat(deleted.get("deliveries")).isEqualTo((int) oldDeliveries);
        assertThat(count("select count(*) from report where id = ?", old.id().value())).isZero();
        assertThat(count("select count(*) from report where id = ?", recent.id().value())).isOne();
        assertThat(count("select count(*) from alert_message where alert_id = ?", advisory.alert().value())).isZero();
        assertThat(count("select count(*) from alert where id = ? and instructions_ct is null", advisory.alert().value()))
                .isOne();
        assertThat(count("select count(*) from escalation where subject = ?", "report:" + old.id().value())).isZero();
        assertThat(check.check(code)).as("an old code can still be checked").isInstanceOf(AlertCheck.Genuine.class);

        Map<String, Long> totals = retention.totals(network.network().value());
        assertThat(totals).containsEntry("reports.VERIFIED", 1L).containsEntry("alerts.ADVISORY", 1L);
        assertThat(totals.keySet()).anyMatch(metric -> metric.startsWith("deliveries.SIGNAL."));
        assertThat(audit.verifyChain().intact()).isTrue();

        Map<String, Integer> again = retention.run();
        again.remove("unmatchedReceipts");
        assertThat(again.values()).allMatch(d -> d == 0);
        assertThat(retention.totals(network.network().value())).isEqualTo(totals);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
