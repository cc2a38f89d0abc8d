package org.aviso.gateway.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new report writes besides itself, kept small so a flood of reports stays fast: the school's open incident
 * is extended at most once a second, and the page reaches the dispatchers and coordinators without reading anyone
 * else of the network.
 */
@AvisoTest
class ReportIntakeTest {

    @Autowired
    ReportService reports;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    TestData.SmallNetwork network;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        network = data.smallNetwork("Intake");
    }

    private Report report() {
        return reports.logCall(network.dispatcherASignedIn(), network.site(),
                new ReportService.Submission(Salute.unknown(), "", Optional.empty()));
    }

    private Map<String, Object> incident(Report report) {
        return jdbc.queryForMap("select version, last_report_at, expires_at from incident where id = ?",
                report.incident().value());
    }

    @Test
    void reportsAboutOneSchoolExtendItsIncidentAtMostOnceASecond() {
        Report first = report();
        clock.advance(Duration.ofMillis(400));
        Report second = report();

        assertThat(second.incident()).isEqualTo(first.incident());
        assertThat(incident(first)).containsEntry("version", 1).containsEntry("last_report_at",
                Timestamp.from(TestClock.START));

        clock.advance(Duration.ofSeconds(5));
        Report third = report();

        assertThat(third.incident()).isEqualTo(first.incident());
        assertThat(incident(first)).containsEntry("version", 2).containsEntry("last_report_at",
                Timestamp.from(clock.instant()));
        assertThat(((Timestamp) incident(first).get("expires_at")).toInstant()).isAfter(clock.instant());
    }

    @Test
    void aPageGoesToTheDispatchersAndCoordinatorsAndToNoOneElse() {
        PersonId coordinator = data.person(network.network(), Optional.empty(), EnumSet.of(Role.STAFF, Role.COORDINATOR),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Coordinator");
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.ON_SIGNAL, null);
        PersonId contact = data.person(network.network(), Optional.of(network.site()), Set.of(Role.SITE_CONTACT),
                Language.SPANISH, SignalStatus.ON_SIGNAL, null);

        Report report = report();

        String snapshot = jdbc.queryForObject("select snapshot from escalation where subject = ?", String.class,
                "report:" + report.id().value());
        assertThat(snapshot).contains(network.dispatcherA().value().toString(), network.dispatcherB().value().toString(),
                coordinator.value().toString())
                .doesNotContain(family.value().toString(), contact.value().toString());
    }
}
