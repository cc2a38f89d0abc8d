package org.aviso.core.report;

import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Network;
import org.junit.jupiter.api.Test;

class IncidentGroupingTest {

    private final NetworkId network = NetworkId.random();
    private final SiteId lincoln = SiteId.random();
    private final IncidentGrouping grouping = IncidentGrouping.of(Network.defaults(network, "Eastside RRN"));

    private Incident openAt(Instant at) {
        return ((IncidentAssignment.Opened) grouping.assign(network, lincoln, at, List.of())).incident();
    }

    @Test
    void theFirstReportOpensAnIncidentThatExpiresIn12Hours() {
        Incident incident = openAt(T0);

        assertThat(incident.openedAt()).isEqualTo(T0);
        assertThat(incident.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(incident.isExpired(T0.plus(Duration.ofHours(12)).minusSeconds(1))).isFalse();
        assertThat(incident.isExpired(T0.plus(Duration.ofHours(12)))).isTrue();
    }

    @Test
    void aReportForTheSameSiteWithinTheWindowJoinsTheIncident() {
        Incident first = openAt(T0);

        IncidentAssignment second = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(30)),
                List.of(first));

        assertThat(second).isInstanceOf(IncidentAssignment.Joined.class);
        assertThat(second.incident().id()).isEqualTo(first.id());
        assertThat(second.incident().lastReportAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void theWindowCountsFromTheLastReportSoAFollowingReportKeepsJoining() {
        Incident first = openAt(T0);
        Incident afterSecond = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(25)), List.of(first))
                .incident();

        IncidentAssignment third = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(50)),
                List.of(afterSecond));

        assertThat(third.incident().id()).isEqualTo(first.id());
    }

    @Test
    void aLateReportOpensANewIncident() {
        Incident first = openAt(T0);

        IncidentAssignment late = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(31)), List.of(first));

        assertThat(late).isInstanceOf(IncidentAssignment.Opened.class);
        assertThat(late.incident().id()).isNotEqualTo(first.id());
    }

    @Test
    void anotherSiteNeverJoins() {
        Incident first = openAt(T0);

        IncidentAssignment other = grouping.assign(network, SiteId.random(), T0.plusSeconds(60), List.of(first));

        assertThat(other).isInstanceOf(IncidentAssignment.Opened.class);
    }

    @Test
    void anExpiredIncidentIsNotJoinedEvenWhenReportsKeepComing() {
        Incident old = new Incident(IncidentId.random(), network, lincoln, T0, T0.plus(Duration.ofHours(12)),
                T0.plus(Duration.ofHours(12)));

        IncidentAssignment next = grouping.assign(network, lincoln, T0.plus(Duration.ofHours(12)).plusSeconds(60),
                List.of(old));

        assertThat(next).isInstanceOf(IncidentAssignment.Opened.class);
    }

    @Test
    void aReportProcessedOutOfOrderStillJoinsWithoutMovingTheLastReportBack() {
        Incident first = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(10)), List.of()).incident();

        IncidentAssignment early = grouping.assign(network, lincoln, T0.plus(Duration.ofMinutes(5)), List.of(first));

        assertThat(early.incident().id()).isEqualTo(first.id());
        assertThat(early.incident().lastReportAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void usesTheSuppliedIdForANewIncident() {
        IncidentId id = IncidentId.random();

        assertThat(grouping.assign(network, lincoln, T0, List.of(), () -> id).incident().id()).isEqualTo(id);
    }

    @Test
    void incidentsAreConsistent() {
        assertThatThrownBy(() -> new Incident(IncidentId.random(), network, lincoln, T0, T0.minusSeconds(1),
                T0.plusSeconds(1))).hasMessageContaining("precede");
        assertThatThrownBy(() -> new Incident(IncidentId.random(), network, lincoln, T0, T0, T0))
                .hasMessageContaining("expire after");
        assertThatThrownBy(() -> new IncidentGrouping(Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("positive");
    }
}
