package org.aviso.gateway.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A report becomes a verified alert that reaches the whole school once, Signal first and SMS where needed. */
@AvisoTest
class AlertJourneyTest {

    @Autowired
    DemoSeeder seeder;
    @Autowired
    Devices devices;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    @Test
    void aVerifiedAlertReachesEveryoneOnceInPriorityOrderWithSmsForFamiliesWithoutSignal() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        NetworkId network = seed.network();
        AvisoPrincipal phone = devices.authenticate(devices.enroll(
                seed.enrollments().get(0).enrollment().code().value(), "test").orElseThrow().credential()).orElseThrow();
        AvisoPrincipal dana = dispatcher(seed, "dana", "Dana Brooks");
        AvisoPrincipal sam = dispatcher(seed, "sam", "Sam Okafor");

        var report = reports.submitFromDevice(phone, new ReportService.Submission(Salute.unknown(), "Two unmarked cars at the gate", Optional.empty()));
        engine.runUntilIdle();
        assertThat(count("select count(*) from delivery where escalation_id is not null and channel = 'SIGNAL'"))
                .as("the on-call dispatcher is paged over Signal").isEqualTo(1);

        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        Set<GroupId> lincoln = Set.of(seed.groups().get("Lincoln Elementary office and site leads"),
                seed.groups().get("Lincoln Elementary teachers and staff"),
                seed.groups().get("Lincoln Elementary families"),
                seed.groups().get("Dispatchers and verifiers"));
        AlertService.Outcome composed = alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED,
                Optional.of(report.id()), Optional.empty(), lincoln, "Stay inside; pick-up plan B."));
        assertThat(composed).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        assertThat(count("select count(*) from recipient_track where alert_id is not null")).isZero();

        AlertService.Outcome approved = alerts.approve(sam, composed.alert());
        assertThat(approved).isInstanceOf(AlertService.Outcome.Sent.class);
        int recipients = ((AlertService.Outcome.Sent) approved).recipients();
        engine.runUntilIdle();

        UUID alert = composed.alert().value();
        assertThat(count("select count(distinct person_id) from delivery where alert_id = ?", alert))
                .isEqualTo(recipients);
        assertThat(count("select count(*) from (select person_id, channel from delivery where alert_id = ? "
                + "group by person_id, channel having count(*) > 1) dup", alert)).isZero();
        // families whose number has no Signal got exactly one Signal attempt (refused) and one SMS
        assertThat(count("select count(*) from delivery where alert_id = ? and channel = 'SMS'", alert)).isPositive();
        assertThat(count("select count(*) from delivery where alert_id = ? and status in ('QUEUED','SENDING')", alert))
                .isZero();
        List<Map<String, Object>> order = jdbc.queryForList(
                "select t.tier, min(d.id) as first from delivery d join recipient_track t on t.id = d.track_id "
                        + "where d.alert_id = ? group by t.tier order by first", alert);
        assertThat(order).extracting(row -> row.get("tier"))
                .containsExactly("DISPATCH_AND_NETWORK", "SITE_LEADS", "STAFF", "FAMILIES");
    }

    private AvisoPrincipal dispatcher(DemoSeeder.DemoSeed seed, String username, String person) {
        UUID id = seed.accounts().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().id();
        return new AvisoPrincipal(AvisoPrincipal.Kind.USER, id, seed.network().value(), AvisoRole.DISPATCHER,
                seed.people().get(person).value(), null);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
