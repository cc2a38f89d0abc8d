package org.aviso.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.junit.jupiter.api.Test;

class ReportLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    private final PersonId ana = PersonId.random();
    private final PersonId ben = PersonId.random();
    private final PersonId admin = PersonId.random();

    private Report newReport(String text) {
        return Report.received(ReportId.random(), NetworkId.random(), SiteId.random(), IncidentId.random(),
                Salute.unknown(), text, ReporterTrust.ENROLLED_SITE_CONTACT, T0, new ShortCode("RPRT2345"));
    }

    @Test
    void aReportArrivesNewAndUnclaimed() {
        Report report = newReport("Two unmarked vans by the gym door");

        assertThat(report.status()).isEqualTo(ReportStatus.NEW);
        assertThat(report.claim()).isEmpty();
        assertThat(report.resolution()).isEmpty();
        assertThat(report.isResolved()).isFalse();
    }

    @Test
    void oneDispatcherClaimsAndResolvesWithWhoAndWhen() {
        Report claimed = newReport("").claim(ana, T0.plusSeconds(60));
        Report verified = claimed.resolve(ReportStatus.VERIFIED, ana, T0.plusSeconds(300));

        assertThat(claimed.status()).isEqualTo(ReportStatus.CLAIMED);
        assertThat(claimed.claim()).contains(new Claim(ana, T0.plusSeconds(60)));
        assertThat(verified.status()).isEqualTo(ReportStatus.VERIFIED);
        assertThat(verified.resolution()).contains(new Resolution(ReportStatus.VERIFIED, ana, T0.plusSeconds(300)));
        assertThat(verified.claim()).as("who handled it stays visible").isPresent();
        assertThat(verified.isResolved()).isTrue();
    }

    @Test
    void aClaimIsExclusive() {
        Report claimed = newReport("").claim(ana, T0);

        assertThatThrownBy(() -> claimed.claim(ben, T0.plusSeconds(5)))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("already claimed");
        assertThat(claimed.claim(ana, T0.plusSeconds(5))).as("a retried claim is harmless").isSameAs(claimed);
    }

    @Test
    void onlyTheHolderMayReleaseOrResolve() {
        Report claimed = newReport("").claim(ana, T0);

        assertThatThrownBy(() -> claimed.release(ben, T0)).isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> claimed.resolve(ReportStatus.FALSE_ALARM, ben, T0))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("holding the claim");
        Report released = claimed.release(ana, T0.plusSeconds(30));
        assertThat(released.status()).isEqualTo(ReportStatus.NEW);
        assertThat(released.claim(ben, T0.plusSeconds(40)).claim()).map(Claim::by).contains(ben);
    }

    @Test
    void anAdministratorCanBreakAClaim() {
        Report broken = newReport("").claim(ana, T0).breakClaim(admin, T0.plusSeconds(600));

        assertThat(broken.status()).isEqualTo(ReportStatus.NEW);
        assertThat(broken.claim()).isEmpty();
        assertThatThrownBy(() -> newReport("").breakClaim(admin, T0)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void aResolvedReportStaysResolved() {
        Report resolved = newReport("").claim(ana, T0).resolve(ReportStatus.UNABLE_TO_VERIFY, ana, T0);

        assertThatThrownBy(() -> resolved.claim(ben, T0)).isInstanceOf(LifecycleException.class)
                .hasMessageContaining("already resolved");
        assertThatThrownBy(() -> resolved.resolve(ReportStatus.VERIFIED, ana, T0))
                .isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> resolved.release(ana, T0)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void resolvingNeedsATerminalOutcomeAndAClaim() {
        assertThatThrownBy(() -> newReport("").claim(ana, T0).resolve(ReportStatus.CLAIMED, ana, T0))
                .isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> newReport("").resolve(ReportStatus.VERIFIED, ana, T0))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("not CLAIMED");
    }

    @Test
    void freeTextIsAtMost500CharactersAndNeverPrinted() {
        assertThatThrownBy(() -> newReport("x".repeat(501))).hasMessageContaining("at most 500");
        assertThat(newReport("y".repeat(500)).toString()).doesNotContain("yyyy").contains("500 chars");
    }

    @Test
    void rejectsAnInconsistentRecord() {
        Report r = newReport("");
        assertThatThrownBy(() -> new Report(r.id(), r.network(), r.site(), r.incident(), r.salute(), "", r.trust(),
                T0, ReportStatus.CLAIMED, Optional.empty(), Optional.empty(), r.code()))
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new Report(r.id(), r.network(), r.site(), r.incident(), r.salute(), "", r.trust(),
                T0, ReportStatus.VERIFIED, Optional.of(new Claim(ana, T0)),
                Optional.of(new Resolution(ReportStatus.FALSE_ALARM, ana, T0)), r.code()))
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new Resolution(ReportStatus.NEW, ana, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saluteChoicesAllowUnknown() {
        Salute salute = new Salute(Salute.Size.TWO_TO_FIVE, Salute.Activity.WAITING_OR_PARKED,
                Salute.LocationHint.PARKING_LOT, Salute.Agency.UNKNOWN, Salute.ObservedTime.NOW,
                Salute.Equipment.UNMARKED_VEHICLES);

        assertThat(salute.size()).isEqualTo(Salute.Size.TWO_TO_FIVE);
        assertThat(Salute.unknown().time()).isEqualTo(Salute.ObservedTime.UNKNOWN);
        assertThatThrownBy(() -> new Salute(null, Salute.Activity.UNKNOWN, Salute.LocationHint.UNKNOWN,
                Salute.Agency.UNKNOWN, Salute.ObservedTime.UNKNOWN, Salute.Equipment.UNKNOWN))
                .hasMessageContaining("size");
    }
}
