package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after n failures in a row, a wait between {@code min} and
 * {@code min·2ⁿ} (never more than {@code max}), so that many gateway nodes do not reconnect in step.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    Duration delay(int failuresInARow) {
        long ceiling = minMillis;
        for (int i = 0; i < failuresInARow && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMillis);
        return Duration.ofMillis(minMillis + (long) (random.getAsDouble() * (ceiling - minMillis)));
    }
}
