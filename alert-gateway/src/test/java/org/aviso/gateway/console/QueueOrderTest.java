package org.aviso.gateway.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's queue puts first what nobody is on, then what has waited longest, then what its cues make urgent. */
class QueueOrderTest {

    private static final Instant T = Instant.parse("2026-12-04T16:00:00Z");
    private static final Salute QUIET = new Salute(Salute.Size.ONE, Salute.Activity.PASSING_BY,
            Salute.LocationHint.NEARBY_BLOCK, Salute.Agency.UNKNOWN, Salute.ObservedTime.EARLIER, Salute.Equipment.NONE_SEEN);
    private static final Salute DETAINING = new Salute(Salute.Size.TWO_TO_FIVE, Salute.Activity.DETAINING_SOMEONE,
            Salute.LocationHint.AT_ENTRANCE, Salute.Agency.ICE, Salute.ObservedTime.NOW, Salute.Equipment.UNKNOWN);

    @Test
    void unclaimedFirstThenLongestWaitingThenTheMostPressingCues() {
        ReportView claimedOldest = view("claimed-oldest", ReportStatus.CLAIMED, T.minusSeconds(3600), DETAINING);
        ReportView newQuiet = view("new-quiet", ReportStatus.NEW, T.plusSeconds(5), QUIET);
        ReportView newDetaining = view("new-detaining", ReportStatus.NEW, T.plusSeconds(20), DETAINING);
        ReportView newOlder = view("new-older", ReportStatus.NEW, T.minusSeconds(600), QUIET);
        ReportView claimedRecent = view("claimed-recent", ReportStatus.CLAIMED, T, QUIET);

        List<String> order = List.of(claimedRecent, newQuiet, claimedOldest, newDetaining, newOlder).stream()
                .sorted(QueueOrder.URGENCY).map(ReportView::code).toList();

        assertThat(order).containsExactly("new-older", "new-detaining", "new-quiet", "claimed-oldest", "claimed-recent");
    }

    @Test
    void waitingTimeIsCountedInWholeMinutesAndNeverNegative() {
        ReportView report = view("r", ReportStatus.NEW, T, QUIET);
        assertThat(report.waitedMinutes(T.plusSeconds(119))).isEqualTo(1);
        assertThat(report.waitedMinutes(T.plusSeconds(3 * 3600 + 60 * 7))).isEqualTo(187);
        assertThat(report.waitedMinutes(T.minusSeconds(30))).isZero();
    }

    private static ReportView view(String code, ReportStatus status, Instant received, Salute salute) {
        return new ReportView(UUID.randomUUID(), code, "Lincoln", status, false, received.atZone(ZoneOffset.UTC), null,
                false, false, salute, "", null, null, false, false);
    }
}
