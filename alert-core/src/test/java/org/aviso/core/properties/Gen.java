package org.aviso.core.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a property draws its random values. Every value comes from one recorded choice, a number below a bound, so
 * a failing case is the list of its choices: {@link Property} replays it exactly, and shrinks it by deleting and
 * lowering choices. Choices are read so that 0 always means the simplest value (the low end of a range, no, the
 * first element, nothing chosen), and a choice past the end of a replayed list reads as 0; a shorter, smaller list
 * is therefore a simpler case.
 */
final class Gen {

    private final Choices choices;
    private final List<String> notes = new ArrayList<>();
    private final List<Property.Label> labels = new ArrayList<>();

    Gen(Choices choices) {
        this.choices = choices;
    }

    /** A whole number in {@code [low, high]}. */
    int between(int low, int high) {
        if (high < low) {
            throw new IllegalArgumentException("empty range " + low + ".." + high);
        }
        return low + choices.next(high - low + 1);
    }

    /** True with about this probability; false is the simpler answer. */
    boolean chance(double probability) {
        if (probability <= 0) {
            return false;
        }
        if (probability >= 1) {
            return true;
        }
        return choices.next(1_000) >= 1_000 - Math.round(probability * 1_000);
    }

    <T> T oneOf(List<T> values) {
        return values.get(choices.next(values.size()));
    }

    <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(List.of(type.getEnumConstants()));
    }

    /** Each constant with even odds; none is the simplest. */
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

    /** A random order; the given order is the simplest. */
    <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = i - choices.next(i + 1);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    Duration seconds(int maxInclusive) {
        return Duration.ofSeconds(between(0, maxInclusive));
    }

    /** Says what this case is about; printed with a failing case, after shrinking. */
    void note(String text) {
        notes.add(text);
    }

    /** Counts this case under {@code label} of {@code statistic}; every run prints the distribution. */
    void collect(String statistic, Object label) {
        labels.add(new Property.Label(statistic, String.valueOf(label)));
    }

    List<String> notes() {
        return notes;
    }

    List<Property.Label> labels() {
        return labels;
    }

    /** The choices a case drew, in order. */
    List<Integer> drawn() {
        return choices.drawn();
    }

    /** A source of choices: random and recorded, fixed at an edge, or replayed from a list. */
    abstract static class Choices {

        private final List<Integer> drawn = new ArrayList<>();

        final int next(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound must be positive");
            }
            int choice = Math.min(Math.max(choose(bound), 0), bound - 1);
            drawn.add(choice);
            return choice;
        }

        abstract int choose(int bound);

        List<Integer> drawn() {
            return List.copyOf(drawn);
        }

        static Choices random(long seed) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            return new Choices() {
                @Override
                int choose(int bound) {
                    return random.nextInt(bound);
                }
            };
        }

        /** Every choice the simplest: the smallest case the generator can make. */
        static Choices smallest() {
            return new Choices() {
                @Override
                int choose(int bound) {
                    return 0;
                }
            };
        }

        /** Every choice the largest: the biggest case the generator can make. */
        static Choices largest() {
            return new Choices() {
                @Override
                int choose(int bound) {
                    return bound - 1;
                }
            };
        }

        static Choices replay(List<Integer> recorded) {
            return new Choices() {
                private int position;

                @Override
                int choose(int bound) {
                    return position < recorded.size() ? recorded.get(position++) : 0;
                }
            };
        }
    }
}
