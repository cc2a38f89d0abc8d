package org.aviso.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when a test moves it, so scenarios read as "at t=2m ...". Times are offsets from a fixed
 * start ({@link #T0}).
 */
public final class TestClock extends Clock {

    public static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    private final Instant start;
    private Instant now;

    private TestClock(Instant start) {
        this.start = start;
        this.now = start;
    }

    public static TestClock atT0() {
        return new TestClock(T0);
    }

    /** The instant {@code offset} after the start, without moving the clock. */
    public Instant at(Duration offset) {
        return start.plus(offset);
    }

    /** Moves the clock to {@code offset} after the start and returns the new now. */
    public Instant moveTo(Duration offset) {
        Instant target = start.plus(offset);
        if (target.isBefore(now)) {
            throw new IllegalStateException("a test clock does not go backwards");
        }
        now = target;
        return now;
    }

    public Instant advance(Duration step) {
        return moveTo(Duration.between(start, now).plus(step));
    }

    public Instant start() {
        return start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("scenarios run in UTC");
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    public static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    /** Minutes and seconds, as in "t=1m30s". */
    public static Duration minutes(long m, long s) {
        return Duration.ofMinutes(m).plusSeconds(s);
    }
}
