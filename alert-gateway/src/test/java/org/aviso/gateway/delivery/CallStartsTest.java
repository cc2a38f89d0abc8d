package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The "call may have started" marks: written before a call, in few commits, never far ahead of the calls. */
class CallStartsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

    private final List<Set<Long>> commits = new ArrayList<>();

    private CallStarts starts(Map<Long, Instant> slots, int ahead, Set<Long> stillOurs) {
        return starts(slots, Map.of(), ahead, stillOurs);
    }

    private CallStarts starts(Map<Long, Instant> slots, Map<Long, Duration> spacing, int ahead, Set<Long> stillOurs) {
        return new CallStarts(slots, spacing, Duration.ofMillis(100), ahead, (Collection<Long> ids) -> {
            commits.add(Set.copyOf(ids));
            Set<Long> marked = new HashSet<>(ids);
            marked.retainAll(stillOurs);
            return marked;
        });
    }

    @Test
    void aFastBatchIsMarkedInOneCommitPerRoundOfCalls() {
        Map<Long, Instant> slots = new LinkedHashMap<>();
        for (long id = 1; id <= 200; id++) {
            slots.put(id, T0.plusNanos(id * 10_000)); // 100,000 a second
        }
        CallStarts starts = starts(slots, 64, slots.keySet());
        for (long id = 1; id <= 200; id++) {
            assertThat(starts.admit(List.of(id), T0)).containsExactly(id);
        }
        assertThat(commits).hasSizeLessThanOrEqualTo(4);
        assertThat(starts.marked()).isEqualTo(200);
    }

    @Test
    void aPacedBatchIsMarkedRowByRowJustInTime() {
        Map<Long, Instant> slots = new LinkedHashMap<>();
        for (long id = 1; id <= 5; id++) {
            slots.put(id, T0.plusSeconds(id));
        }
        CallStarts starts = starts(slots, 64, slots.keySet());

        starts.admit(List.of(1L), T0.plusSeconds(1));

        assertThat(starts.started(1)).isTrue();
        assertThat(starts.started(2)).as("its call is a second away: a crash now must leave it unmarked").isFalse();
    }

    @Test
    void rowsWaitingForASenderThreadAreNotMarkedWithTheOnesBeingCalled() {
        Map<Long, Instant> slots = new LinkedHashMap<>();
        for (long id = 1; id <= 100; id++) {
            slots.put(id, T0); // all due, but only 8 calls can run at once
        }
        CallStarts starts = starts(slots, 8, slots.keySet());

        starts.admit(List.of(1L), T0.plusSeconds(5));

        assertThat(starts.marked()).isLessThanOrEqualTo(9);
    }

    @Test
    void rowsOfAPacedSenderWhoseSlotsHavePassedAreStillMarkedOneCallAtATime() {
        // a Signal account at 40 messages a second on a busy node: every slot has passed, but each call still waits
        // 25 ms for the one before it; a kill must find the waiting rows unmarked, so they are sent after a restart
        Map<Long, Instant> slots = new LinkedHashMap<>();
        Map<Long, Duration> spacing = new LinkedHashMap<>();
        for (long id = 1; id <= 10; id++) {
            slots.put(id, T0.plusMillis(id * 25));
            spacing.put(id, Duration.ofMillis(25));
        }
        CallStarts starts = starts(slots, spacing, 64, slots.keySet());

        starts.admit(List.of(1L), T0.plusSeconds(2));

        assertThat(starts.marked()).as("three 25 ms calls would start within the 100 ms window").isEqualTo(4);
        assertThat(starts.started(6)).isFalse();
    }

    @Test
    void aFastSenderStillHasItsRowsMarkedTogether() {
        Map<Long, Instant> slots = new LinkedHashMap<>();
        Map<Long, Duration> spacing = new LinkedHashMap<>();
        for (long id = 1; id <= 100; id++) {
            slots.put(id, T0);
            spacing.put(id, Duration.ofNanos(10_000)); // 100,000 a second
        }
        CallStarts starts = starts(slots, spacing, 64, slots.keySet());

        starts.admit(List.of(1L), T0.plusSeconds(2));

        assertThat(starts.marked()).isEqualTo(65);
    }

    @Test
    void aRowAnotherNodeTookOverIsNotSent() {
        CallStarts starts = starts(Map.of(1L, T0, 2L, T0), 8, Set.of(1L));

        assertThat(starts.admit(List.of(1L, 2L), T0)).containsExactly(1L);
        assertThat(starts.started(2)).isFalse();
    }
}
