package org.aviso.gateway.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.aviso.gateway.notify.SenderAccount;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps each sender at its configured rate: a token bucket of capacity one (no bursts), kept in PostgreSQL so
 * that every gateway node draws from the same bucket. A reservation hands out evenly spaced send slots; a
 * provider's "slow down" pushes the sender's next slot back.
 *
 * <p>Pacing is physical time, so it reads the wall clock, not the domain clock that tests drive.
 */
class SenderPacer {

    private final JdbcClient jdbc;
    private final Clock wallClock;

    SenderPacer(JdbcClient jdbc, Clock wallClock) {
        this.jdbc = jdbc;
        this.wallClock = wallClock;
    }

    /** Reserves {@code units} consecutive slots (messages, or SMS segments) and returns when the first one starts. */
    Slots reserve(SenderAccount sender, int units) {
        Duration interval = interval(sender);
        Instant now = wallClock.instant();
        Duration span = interval.multipliedBy(units);
        Instant end = jdbc.sql("""
                        insert into sender_pace (sender, next_slot) values (:sender, :end)
                        on conflict (sender) do update
                           set next_slot = greatest(sender_pace.next_slot, :now) + (:span * interval '1 microsecond')
                        returning next_slot
                        """)
                .param("sender", sender.id())
                .param("now", Timestamp.from(now))
                .param("end", Timestamp.from(now.plus(span)))
                .param("span", span.toNanos() / 1000)
                .query(Timestamp.class)
                .single()
                .toInstant();
        return new Slots(end.minus(span), interval);
    }

    /** The provider asked us to wait: nothing goes out from this sender before {@code until}. */
    void pauseUntil(String senderId, Instant until) {
        jdbc.sql("""
                        insert into sender_pace (sender, next_slot) values (:sender, :until)
                        on conflict (sender) do update set next_slot = greatest(sender_pace.next_slot, :until)
                        """)
                .param("sender", senderId)
                .param("until", Timestamp.from(until))
                .update();
    }

    /**
     * The spacing between a sender's messages: its configured rate, less 2%. Messages reach the provider with a
     * few milliseconds of jitter; the margin keeps any one-second window at the provider within the limit.
     */
    static Duration interval(SenderAccount sender) {
        return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / (sender.ratePerSecond() * PACE))));
    }

    /** The share of a sender's configured rate Aviso paces at. */
    static final double PACE = 0.98;

    /** Evenly spaced slots starting at {@code first}. */
    record Slots(Instant first, Duration interval) {

        Instant slot(int unitsBefore) {
            return first.plus(interval.multipliedBy(unitsBefore));
        }
    }
}
