package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The "may have started" stage between pacing and sending, for one claimed batch: before a provider call, the
 * rows it carries are written down (committed) as started, so a crash leaves unstarted rows to be sent again
 * normally and only rows whose call may have begun as "outcome unknown".
 *
 * <p>One commit per call would cap a fast channel at the database's commit rate, so a mark covers every row of the
 * batch whose paced slot falls within {@code window} of now, up to as many as can be called at once and as the sender's
 * pace lets start within the window: a fast batch is marked in a few commits, a paced one (40 messages a second or
 * slower) row by row, just in time. Only rows the outbox confirms we still hold are sent.
 *
 * <p>The pace matters because slots fall behind: a sender's calls are spaced by its interval from when the previous
 * one actually went, so on a busy node rows whose slots have passed still wait their turn. Marked by slot alone, a
 * kill then left several such rows "may have started" that signal-cli never saw (fault suite, 2 of 1,000 families
 * lost in one kill trial: on Signal, with numbers Twilio refuses, so the unknown Signal message had no SMS to fall
 * back on).
 */
final class CallStarts {

    private final Map<Long, Instant> slots;
    private final Map<Long, Duration> spacing;
    private final Duration window;
    private final Function<Collection<Long>, Set<Long>> mark;
    private final int ahead;
    private final Set<Long> started = new HashSet<>();
    private final Set<Long> refused = new HashSet<>();

    /**
     * @param slots   each row's planned start (its pacing slot)
     * @param spacing how long each row holds its sender after its call starts (the sender's interval times its
     *                segments); a mark covers extra rows only while their spacings add up to less than the window
     * @param window  rows due this soon are marked together with the ones asked for
     * @param mark   writes the marks and returns the rows it marked (those this node still holds)
     * @param ahead  how many rows besides the ones asked for one mark may cover (the calls that can run at once)
     */
    CallStarts(Map<Long, Instant> slots, Map<Long, Duration> spacing, Duration window, int ahead,
            Function<Collection<Long>, Set<Long>> mark) {
        this.ahead = ahead;
        this.spacing = Map.copyOf(spacing);
        this.slots = new LinkedHashMap<>();
        slots.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> this.slots.put(e.getKey(), e.getValue()));
        this.window = window;
        this.mark = mark;
    }

    /** The rows among {@code ids} that may now be handed to the provider (marked as started). */
    synchronized Set<Long> admit(List<Long> ids, Instant now) {
        Set<Long> wanted = new HashSet<>();
        for (Long id : ids) {
            if (!started.contains(id) && !refused.contains(id)) {
                wanted.add(id);
            }
        }
        if (!wanted.isEmpty()) {
            Instant horizon = now.plus(window);
            // at most as many more as calls can run at once: rows past that wait for a free sender thread, and a
            // crash then must find them unmarked
            int room = ahead;
            // and no more than the senders can start within the window at their pace, however far behind the slots are
            long paceRoom = window.toNanos();
            for (Map.Entry<Long, Instant> row : slots.entrySet()) {
                if (room <= 0 || row.getValue().isAfter(horizon)) {
                    break;
                }
                Long id = row.getKey();
                if (started.contains(id) || refused.contains(id) || wanted.contains(id)) {
                    continue;
                }
                paceRoom -= spacing.getOrDefault(id, Duration.ZERO).toNanos();
                if (paceRoom <= 0) {
                    break;
                }
                wanted.add(id);
                room--;
            }
            Set<Long> marked = mark.apply(wanted);
            started.addAll(marked);
            for (Long id : wanted) {
                if (!marked.contains(id)) {
                    refused.add(id);
                }
            }
        }
        Set<Long> admitted = new HashSet<>();
        for (Long id : ids) {
            if (started.contains(id)) {
                admitted.add(id);
            }
        }
        return admitted;
    }

    /** Whether the row was marked: its provider call may have started. */
    synchronized boolean started(long id) {
        return started.contains(id);
    }

    /** How many rows were marked so far (for tests and metrics). */
    synchronized int marked() {
        return started.size();
    }
}
