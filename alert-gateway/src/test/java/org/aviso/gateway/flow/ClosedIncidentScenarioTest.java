package org.aviso.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A closed incident stays closed. Three reports at one school, one verified, the alert sent with two approvals and
 * the ALL_CLEAR with two approvals: afterwards nobody is paged about that incident, however long we wait, and a
 * fourth report starts a new incident that the console shows as coming after the all-clear.
 */
@AvisoTest
@AutoConfigureMockMvc
class ClosedIncidentScenarioTest {

    @Autowired
    ReportService reports;
    @Autowired
    ReportStore store;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore alertStore;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;

    TestData.SmallNetwork lincoln;
    GroupId families;
    PersonId coordinator;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        lincoln = data.smallNetwork("Lincoln");
        families = data.group(lincoln.network(), Optional.of(lincoln.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE, AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM));
        data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.ON_SIGNAL, null, families);
        data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.ON_SIGNAL, null, families);
        coordinator = data.person(lincoln.network(), Optional.empty(), EnumSet.of(Role.STAFF, Role.COORDINATOR),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Coordinator");
    }

    private Report call(String text) {
        return reports.logCall(lincoln.dispatcherASignedIn(), lincoln.site(),
                new ReportService.Submission(Salute.unknown(), text, Optional.empty()));
    }

    /** Lets time pass a minute at a time, running the pipeline as the service would. */
    private void minutesPass(int minutes) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            engine.runUntilIdle();
        }
    }

    /** What people received since {@code since} that names one of these codes. */
    private List<DemoInbox.Entry> messagesNaming(Instant since, List<String> codes) {
        return inbox.recent(lincoln.network().value(), 1000).stream()
                .filter(e -> e.direction().equals("OUT") && !e.at().isBefore(since))
                .filter(e -> codes.stream().anyMatch(e.body()::contains))
                .toList();
    }

    @Test
    void afterTheAllClearNobodyIsPagedAboutTheIncidentAndAFourthReportStartsANewOne() throws Exception {
        Report first = call("Two vans at the gate");
        clock.advance(Duration.ofMinutes(1));
        Report second = call("Agents by the bus stop");
        clock.advance(Duration.ofMinutes(1));
        Report third = call("Still there");
        engine.runUntilIdle();
        assertThat(List.of(second.incident(), third.incident())).containsOnly(first.incident());

        reports.claim(lincoln.dispatcherASignedIn(), first.id());
        reports.resolve(lincoln.dispatcherASignedIn(), first.id(), ReportStatus.VERIFIED);
        reports.claim(lincoln.dispatcherBSignedIn(), second.id());
        minutesPass(1);

        AlertService.Outcome composed = alerts.compose(lincoln.dispatcherASignedIn(), new AlertService.Composition(
                AlertKind.VERIFIED, Optional.of(first.id()), Optional.empty(), Set.of(families, lincoln.dispatchers()),
                "Stay inside"));
        assertThat(composed).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        engine.runUntilIdle();
        assertThat(inbox.recent(lincoln.network().value(), 100)).as("the second approver is asked; the composer is not")
                .filteredOn(e -> e.body().contains("segunda aprobación") || e.body().contains("second approval"))
                .extracting(DemoInbox.Entry::personId).containsExactly(lincoln.dispatcherB().value());
        assertThat(alerts.approve(lincoln.dispatcherBSignedIn(), composed.alert()))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        minutesPass(5);

        AlertService.Outcome allClear = alerts.followUp(lincoln.dispatcherASignedIn(), composed.alert(),
                AlertKind.ALL_CLEAR, "");
        assertThat(allClear).as("one dispatcher alone cannot send an ALL_CLEAR to families")
                .isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        assertThat(store.find(lincoln.network(), third.id()).orElseThrow().report().status())
                .isEqualTo(ReportStatus.NEW);
        minutesPass(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(alerts.approve(lincoln.dispatcherBSignedIn(), allClear.alert()))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        Instant cleared = clock.instant();

        assertThat(store.find(lincoln.network(), first.id()).orElseThrow().report().status())
                .isEqualTo(ReportStatus.VERIFIED);
        assertThat(List.of(second, third)).allSatisfy(r -> assertThat(
                store.find(lincoln.network(), r.id()).orElseThrow().report().status()).isEqualTo(ReportStatus.CLOSED));
        assertThat(jdbc.queryForObject("select closed_reason from incident where id = ?", String.class,
                first.incident().value())).isEqualTo("ALL_CLEAR");
        assertThat(alertStore.find(lincoln.network(), composed.alert()).orElseThrow().status())
                .isEqualTo(AlertStore.Status.CANCELLED);

        minutesPass(45);
        clock.advance(Duration.ofHours(3));
        engine.runUntilIdle();
        List<String> codes = List.of(first.code().display(), second.code().display(), third.code().display());
        assertThat(messagesNaming(cleared, codes)).as("no page about the closed incident's reports").isEmpty();
        assertThat(inbox.recent(lincoln.network().value(), 1000)).as("the coordinator was paged before, never after")
                .filteredOn(e -> e.personId().equals(coordinator.value()) && !e.at().isBefore(cleared)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from escalation where status = 'RUNNING'", Long.class))
                .isZero();

        Report fourth = call("They came back");
        assertThat(fourth.incident()).isNotEqualTo(first.incident());
        String page = mvc.perform(get("/console/reports/{id}", fourth.id().value())
                        .with(signedInAs(lincoln.dispatcherASignedIn())).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"incident-note\"", "New incident, after an all-clear at");
        String closedPage = mvc.perform(get("/console/reports/{id}", third.id().value())
                        .with(signedInAs(lincoln.dispatcherBSignedIn())).header("Accept-Language", "es"))
                .andReturn().getResponse().getContentAsString();
        assertThat(closedPage).contains("Incidente cerrado tras un aviso de todo despejado", "Cerrado",
                "cerró el incidente");
        engine.runUntilIdle();
        assertThat(messagesNaming(clock.instant().minusSeconds(1), List.of(fourth.code().display())))
                .as("the new incident pages as usual").isNotEmpty();
    }

    @Test
    void aClaimLeftIdleIsFlaggedAndTheReportPagesAgainOnce() throws Exception {
        Report report = call("Vans at the gate");
        engine.runUntilIdle();
        reports.claim(lincoln.dispatcherBSignedIn(), report.id());
        minutesPass(14);
        Instant beforeIdle = clock.instant();
        assertThat(messagesNaming(beforeIdle.minus(Duration.ofMinutes(13)), List.of(report.code().display())))
                .isEmpty();

        minutesPass(1);
        List<DemoInbox.Entry> again = messagesNaming(beforeIdle, List.of(report.code().display()));
        assertThat(again).as("the dispatchers are paged again about the idle claim")
                .extracting(DemoInbox.Entry::personId)
                .contains(lincoln.dispatcherA().value(), lincoln.dispatcherB().value());
        assertThat(again).extracting(DemoInbox.Entry::body).anyMatch(b -> b.contains("no outcome yet")
                || b.contains("sin resultado"));
        String page = mvc.perform(get("/console/reports/{id}", report.id().value())
                        .with(signedInAs(lincoln.dispatcherASignedIn())).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"idle-claim\"", "Claimed but idle");

        reports.claim(lincoln.dispatcherBSignedIn(), report.id());
        minutesPass(30);
        assertThat(messagesNaming(clock.instant().minus(Duration.ofMinutes(29)), List.of(report.code().display())))
                .as("the holder took it up again: the page stopped, and the same claim is flagged only once")
                .isEmpty();
    }

    @Test
    void anIncidentThatExpiresSaysSoAndStopsItsPages() throws Exception {
        Report report = call("Vans at the gate");
        engine.runUntilIdle();
        clock.advance(Duration.ofHours(12));
        engine.runUntilIdle();
        Instant expired = clock.instant();

        assertThat(jdbc.queryForObject("select closed_reason from incident where id = ?", String.class,
                report.incident().value())).isEqualTo("EXPIRED");
        minutesPass(20);
        assertThat(messagesNaming(expired.plusSeconds(1), List.of(report.code().display()))).isEmpty();
        String page = mvc.perform(get("/console/reports/{id}", report.id().value())
                        .with(signedInAs(lincoln.dispatcherASignedIn())).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Incident expired at", "the incident expired");
    }
}
