package org.aviso.core.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** A small random-value source for property tests; every case gets its own seed so a failure can be replayed. */
final class Gen {

    private final SplittableRandom random;

    Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <E extends Enum<E>> E oneOf(Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)];
    }

    <E extends Enum<E>> Set<E> someOf(Class<E> type) {
        Set<E> chosen = EnumSet.noneOf(type);
        for (E value : type.getEnumConstants()) {
            if (chance(0.5)) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    <T> List<T> someOf(Collection<T> values) {
        List<T> chosen = new ArrayList<>();
        for (T value : values) {
            if (chance(0.5)) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    Duration seconds(int maxInclusive) {
        return Duration.ofSeconds(between(0, maxInclusive));
    }

    long nextLong() {
        return random.nextLong();
    }
}
