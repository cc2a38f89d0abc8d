package org.aviso.gateway.console;

import java.time.Instant;
import java.util.Comparator;

import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;

/**
 * The order of the dispatcher's open reports under pressure: a report nobody has claimed comes first (nobody is on
 * it); then the one that has waited longest; then the one whose own cues say it is most urgent (someone being
 * detained, agents entering, weapons seen, seen just now). Arrival time is compared to the minute, so the cues
 * decide between reports that arrived together.
 */
final class QueueOrder {

    static final Comparator<ReportView> URGENCY = Comparator
            .comparing((ReportView r) -> r.status() == ReportStatus.NEW ? 0 : 1)
            .thenComparing(r -> minute(r.receivedAt().toInstant()))
            .thenComparing(Comparator.comparingInt((ReportView r) -> cues(r.salute())).reversed())
            .thenComparing(r -> r.receivedAt().toInstant());

    private QueueOrder() {
    }

    private static long minute(Instant at) {
        return at.getEpochSecond() / 60;
    }

    /** How pressing the report's own answers are: the higher, the sooner it is looked at. */
    static int cues(Salute salute) {
        int score = switch (salute.activity()) {
            case DETAINING_SOMEONE -> 8;
            case ENTERING_BUILDING -> 6;
            case QUESTIONING_PEOPLE -> 4;
            default -> 0;
        };
        if (salute.equipment() == Salute.Equipment.VISIBLE_WEAPONS) {
            score += 4;
        }
        score += switch (salute.time()) {
            case NOW -> 3;
            case WITHIN_15_MIN -> 2;
            default -> 0;
        };
        if (salute.location() == Salute.LocationHint.INSIDE_BUILDING || salute.location() == Salute.LocationHint.AT_ENTRANCE) {
            score += 2;
        }
        return score;
    }
}
