package org.aviso.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Network;
import org.junit.jupiter.api.Test;

/** A closed incident stays closed: its open reports close with it, and a later report opens a new incident. */
class IncidentClosureTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    private final NetworkId network = NetworkId.random();
    private final SiteId lincoln = SiteId.random();
    private final PersonId ana = PersonId.random();
    private final PersonId ben = PersonId.random();
    private final IncidentGrouping grouping = IncidentGrouping.of(Network.defaults(network, "Eastside RRN"));

    private Report report(IncidentId incident) {
        return Report.received(ReportId.random(), network, lincoln, incident, Salute.unknown(), "", 
                ReporterTrust.ENROLLED_SITE_CONTACT, T0, ShortCode.generate(new java.util.Random(1)));
    }

    @Test
    void anAllClearClosesTheReportsStillOpenAndKeepsTheOutcomesAlreadyRecorded() {
        IncidentId incident = IncidentId.random();
        Report fresh = report(incident);
        Report held = report(incident).claim(ben, T0.plusSeconds(30));
        Report verified = report(incident).claim(ana, T0).resolve(ReportStatus.VERIFIED, ana, T0.plusSeconds(60));
        Report elsewhere = report(IncidentId.random());
        IncidentClosure closure = new IncidentClosure(incident, IncidentClosure.Reason.ALL_CLEAR, T0.plusSeconds(3600));

        List<Report> changed = closure.closeReports(List.of(fresh, held, verified, elsewhere), ana);

        assertThat(changed).extracting(Report::id).containsExactlyInAnyOrder(fresh.id(), held.id());
        assertThat(changed).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ReportStatus.CLOSED);
            assertThat(r.isResolved()).isTrue();
            assertThat(r.resolution()).hasValueSatisfying(res -> assertThat(res.at()).isEqualTo(closure.at()));
        });
        assertThat(changed.stream().filter(r -> r.id().equals(held.id())).findFirst().orElseThrow().claim())
                .as("who held it stays visible").isPresent();
    }

    @Test
    void anExpiryChangesNoReport() {
        IncidentId incident = IncidentId.random();
        IncidentClosure expiry = new IncidentClosure(incident, IncidentClosure.Reason.EXPIRED, T0.plusSeconds(60));

        assertThat(expiry.closeReports(List.of(report(incident)), ana)).isEmpty();
    }

    @Test
    void aClosedReportCannotBeClaimedOrResolvedAndNobodyResolvesAsClosed() {
        IncidentId incident = IncidentId.random();
        Report closed = report(incident).closeWithIncident(ana, T0);

        assertThatThrownBy(() -> closed.claim(ben, T0)).isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> report(incident).claim(ana, T0).resolve(ReportStatus.CLOSED, ana, T0))
                .isInstanceOf(LifecycleException.class);
    }

    @Test
    void aReportAfterTheAllClearOpensANewIncidentThatRemembersIt() {
        Incident first = grouping.assign(network, lincoln, T0, List.of()).incident();
        IncidentClosure cleared = new IncidentClosure(first.id(), IncidentClosure.Reason.ALL_CLEAR,
                T0.plus(Duration.ofMinutes(10)));

        IncidentAssignment later = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(12)), List.of(first),
                List.of(cleared), IncidentId::random);
        IncidentAssignment before = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(5)), List.of(first),
                List.of(cleared), IncidentId::random);

        assertThat(later).isInstanceOf(IncidentAssignment.Opened.class);
        assertThat(later.incident().id()).isNotEqualTo(first.id());
        assertThat(((IncidentAssignment.Opened) later).after()).contains(cleared);
        assertThat(before).as("a report received before the all-clear still belongs to the incident")
                .isInstanceOf(IncidentAssignment.Joined.class);
    }

    @Test
    void aClaimHeldLongerThanTheIdleTimeIsIdle() {
        Report held = report(IncidentId.random()).claim(ana, T0);

        assertThat(held.isClaimIdle(T0.plus(Duration.ofMinutes(14)), Duration.ofMinutes(15))).isFalse();
        assertThat(held.isClaimIdle(T0.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15))).isTrue();
        assertThat(report(IncidentId.random()).isClaimIdle(T0.plus(Duration.ofHours(1)), Duration.ofMinutes(15)))
                .as("an unclaimed report is paged anyway, it is not an idle claim").isFalse();
        assertThat(Optional.of(held.resolve(ReportStatus.VERIFIED, ana, T0.plusSeconds(5)))
                .filter(r -> r.isClaimIdle(T0.plus(Duration.ofHours(1)), Duration.ofMinutes(15)))).isEmpty();
    }
}
