package org.aviso.gateway.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Per-client token buckets for the doors strangers can knock on: sign-in, enrollment codes, alert-code
 * checks, report submissions. Kept in memory per node (a bounded map, least recently used evicted); with
 * several nodes the effective limit is per node, which still stops guessing at scale.
 */
@Component
public class RateLimits {

    public enum Door {
        SIGN_IN(10, Duration.ofMinutes(1)),
        ENROLLMENT(10, Duration.ofMinutes(10)),
        ALERT_CHECK(30, Duration.ofMinutes(1)),
        REPORT(20, Duration.ofMinutes(1));

        final int capacity;
        final Duration period;

        Door(int capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }
    }

    private static final int MAX_CLIENTS = 20_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    /** True if the client may go through this door now. */
    public boolean tryPass(Door door, String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(door + "|" + client, key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(door.capacity).refillGreedy(door.capacity, door.period).build())
                    .build());
        }
        return bucket.tryConsume(1);
    }

    public void reset() {
        synchronized (buckets) {
            buckets.clear();
        }
    }
}
