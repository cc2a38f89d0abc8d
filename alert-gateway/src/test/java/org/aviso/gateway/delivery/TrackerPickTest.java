package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker decides the due recipient tracks of the most urgent tier first (lower priority number), then the ones
 * due longest; it leaves tracks that are not due, standbys, and tracks another tracker holds.
 */
@AvisoTest
class TrackerPickTest {

    @Autowired
    RecipientTracker tracker;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;

    private TestData.SmallNetwork network;
    private UUID escalation;

    @BeforeEach
    void network() {
        // the schema is cleaned per class: another test's tracks would be due here too
        jdbc.update("delete from recipient_track");
        network = data.smallNetwork("Pick " + UUID.randomUUID());
        escalation = UUID.randomUUID();
        jdbc.update("insert into escalation (id, network_id, subject, snapshot, started_at, status) "
                + "values (?, ?, 'report:x', '{}', now(), 'STOPPED')", escalation, network.network().value());
    }

    @Test
    void picksTheMostUrgentTierFirstThenTheLongestDueAndFillsTheBatchFromTheNextTier() {
        Instant now = clock.instant();
        long family = track("family", 30, now.minus(Duration.ofMinutes(10)), false);
        long leadRecent = track("lead-recent", 0, now.minus(Duration.ofMinutes(1)), false);
        long leadOld = track("lead-old", 0, now.minus(Duration.ofMinutes(2)), false);
        long staffLater = track("staff-later", 20, now.plus(Duration.ofMinutes(1)), false);
        long standby = track("standby", 10, now.minus(Duration.ofMinutes(5)), true);

        assertThat(tracker.runOnce(2)).isEqualTo(2);
        assertThat(decided(family, leadRecent, leadOld, staffLater, standby))
                .as("the two leads (priority 0) before the family due longer (priority 30)")
                .containsExactly(false, true, true, false, false);

        assertThat(tracker.runOnce(5)).as("the family is still due; the rest is not").isEqualTo(1);
        assertThat(decided(family, leadRecent, leadOld, staffLater, standby))
                .containsExactly(true, true, true, false, false);
    }

    @Test
    void aTrackAnotherTrackerHoldsIsSkippedAndTheNextDueOneTaken() throws Exception {
        Instant now = clock.instant();
        long held = track("held", 0, now.minus(Duration.ofMinutes(3)), false);
        long lead = track("lead", 0, now.minus(Duration.ofMinutes(1)), false);
        long family = track("family", 30, now.minus(Duration.ofMinutes(1)), false);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> transactions.executeWithoutResult(s -> {
            jdbc.queryForList("select id from recipient_track where id = ? for update", held);
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        other.start();
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tracker.runOnce(2)).isEqualTo(2);
            assertThat(decided(held, lead, family)).containsExactly(false, true, true);
        } finally {
            release.countDown();
            other.join(30_000);
        }
    }

    @Test
    void nothingDueDecidesNothing() {
        Instant now = clock.instant();
        long later = track("later", 0, now.plus(Duration.ofSeconds(1)), false);
        long unplanned = track("unplanned", 30, null, false);

        assertThat(tracker.runOnce(10)).isZero();
        assertThat(decided(later, unplanned)).containsExactly(false, false);
    }

    /** A track of dispatcher A for a step of the escalation, due at {@code due} (null: nothing to check). */
    private long track(String step, int priority, Instant due, boolean standby) {
        return jdbc.queryForObject("""
                insert into recipient_track (network_id, escalation_id, step_key, person_id, tier, priority, language,
                                             channel_policy, standby, started_at, next_check_at)
                values (?, ?, ?, ?, 'STAFF', ?, 'en', 'SIGNAL_THEN_SMS', ?, ?, ?)
                returning id
                """, Long.class, network.network().value(), escalation, step, network.dispatcherA().value(), priority,
                standby, Timestamp.from(clock.instant().minus(Duration.ofMinutes(20))),
                due == null ? null : Timestamp.from(due));
    }

    /** For each track, whether the tracker decided it (each decision writes the track under a new fencing token). */
    private List<Boolean> decided(long... tracks) {
        return java.util.Arrays.stream(tracks)
                .mapToObj(id -> jdbc.queryForObject("select fencing_token > 0 from recipient_track where id = ?",
                        Boolean.class, id))
                .toList();
    }
}
