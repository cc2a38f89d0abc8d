package org.aviso.gateway.notify.signal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
    private final Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);

    @Test
    void waitsTheMinimumAfterAStreamThatWorked() {
        assertThat(lowest.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.delay(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void doublesTheLongestWaitWithEachFailureUpToTheMaximum() {
        assertThat(highest.delay(1)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        assertThat(highest.delay(3)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
        assertThat(highest.delay(6)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
        assertThat(highest.delay(1000)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
    }

    @Test
    void spreadsReconnectsAboveTheMinimum() {
        assertThat(lowest.delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5).delay(2))
                .isEqualTo(Duration.ofMillis(2500));
    }
}
