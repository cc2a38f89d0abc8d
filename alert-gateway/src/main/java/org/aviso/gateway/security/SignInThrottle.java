package org.aviso.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing per user name and client address, never per account alone: after a failed sign-in, the same
 * name from the same address is not checked again until a pause has passed (1 s, doubling with each failure, up to
 * a cap); attempts before then are refused without looking at the passphrase. Someone guessing a dispatcher's
 * passphrase from any number of addresses slows only themselves: the dispatcher, from their own address, signs in
 * at once. Names that exist and names that do not are treated alike. Kept in memory per node (bounded, least
 * recently used evicted); failures are forgotten a while after the last one.
 */
final class SignInThrottle {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 50_000;

    private final Duration cap;
    private final Map<String, Failures> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Failures(int count, Instant notBefore, Instant last) {
    }

    SignInThrottle(Duration cap) {
        this.cap = cap;
    }

    /** The pause after {@code failures} failures in a row: 1 s, 2 s, 4 s, ... up to the cap. */
    Duration pause(int failures) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** True if this name may be checked from this client now. */
    boolean mayTry(String normalizedName, String client, Instant now) {
        synchronized (entries) {
            Failures failures = entries.get(key(normalizedName, client));
            return failures == null || !now.isBefore(failures.notBefore());
        }
    }

    void failed(String normalizedName, String client, Instant now) {
        synchronized (entries) {
            String key = key(normalizedName, client);
            Failures before = entries.get(key);
            int count = before == null || now.isAfter(before.last().plus(FORGET_AFTER)) ? 1 : before.count() + 1;
            entries.put(key, new Failures(count, now.plus(pause(count)), now));
        }
    }

    void succeeded(String normalizedName, String client) {
        synchronized (entries) {
            entries.remove(key(normalizedName, client));
        }
    }

    void reset() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private static String key(String normalizedName, String client) {
        return normalizedName + '\n' + (client == null ? "" : client);
    }
}
