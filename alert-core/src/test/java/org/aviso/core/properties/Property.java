package org.aviso.core.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a property over generated cases, and when one fails, shrinks it to a simpler case that still fails and
 * reports that one: its notes, its choices, and how to run it again.
 *
 * <p>Cases 0 and 1 are the edges (every choice the smallest, then every choice the largest); the others are random
 * from a seed derived from the base seed ({@code -Daviso.seed=<n>}, fixed by default, so a run is reproducible;
 * another value explores other cases). A case may {@link #assume} something of its input; such discarded cases are
 * counted, printed, and fail the run when they exceed {@link #MAX_DISCARD_RATIO} of it. Every run prints what its
 * cases were: how many, the seed, discards, and the distribution of whatever the property {@link Gen#collect}s.
 *
 * <p>Our own runner rather than jqwik: jqwik's author asks, from version 1.10 on, that AI coding agents not use it,
 * and this module is written by one. Shrinking works on the recorded choices (as Hypothesis does), so no generator
 * needs a shrinker of its own.
 */
final class Property {

    static final long BASE_SEED = Long.getLong("aviso.seed", 20_260_302L);
    static final double MAX_DISCARD_RATIO = 0.05;
    private static final int SHRINK_BUDGET = 2_000;
    private static final Duration SHRINK_TIME = Duration.ofSeconds(30);

    private Property() {
    }

    /** Discards the current case unless {@code condition} holds; counted and bounded, never silent. */
    static void assume(boolean condition) {
        if (!condition) {
            throw new Discarded();
        }
    }

    static Report forAll(int cases, Consumer<Gen> property) {
        String name = caller();
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        Map<String, Map<String, Integer>> statistics = new LinkedHashMap<>();
        int discarded = 0;
        for (int i = 0; i < cases; i++) {
            long seed = seeds.nextLong();
            Gen.Choices source = i == 0 ? Gen.Choices.smallest()
                    : i == 1 ? Gen.Choices.largest() : Gen.Choices.random(seed);
            Gen gen = new Gen(source);
            try {
                property.accept(gen);
            } catch (Discarded discard) {
                discarded++;
                continue;
            } catch (AssertionError | RuntimeException failure) {
                throw shrunk(name, i, seed, gen.drawn(), failure, property);
            }
            for (Label label : gen.labels()) {
                statistics.computeIfAbsent(label.statistic(), s -> new TreeMap<>()).merge(label.value(), 1,
                        Integer::sum);
            }
        }
        Report report = new Report(name, cases, discarded, statistics);
        System.out.println(report);
        if (discarded > MAX_DISCARD_RATIO * cases) {
            throw new AssertionError(name + ": " + discarded + " of " + cases + " cases were discarded, more than "
                    + Math.round(MAX_DISCARD_RATIO * 100) + "%: generate what the property needs instead");
        }
        return report;
    }

    /** Runs the case with these choices again, e.g. the shrunk choices a failure printed. */
    static void replay(List<Integer> choices, Consumer<Gen> property) {
        property.accept(new Gen(Gen.Choices.replay(choices)));
    }

    private static AssertionError shrunk(String name, int index, long seed, List<Integer> choices, Throwable failure,
            Consumer<Gen> property) {
        Shrinker shrinker = new Shrinker(trimmed(choices), failure, property);
        shrinker.shrink();
        Gen shrunk = new Gen(Gen.Choices.replay(shrinker.best));
        run(shrunk, property);
        String edge = index == 0 ? " (the smallest case)" : index == 1 ? " (the largest case)" : "";
        return new AssertionError(name + " failed at case " + index + edge + " with seed " + seed + " (base seed "
                + BASE_SEED + ", rerun with -Daviso.seed=" + BASE_SEED + ").\nShrunk in " + shrinker.steps
                + " steps (" + shrinker.replays + " replays) from " + choices.size() + " to " + shrinker.best.size()
                + " choices; replay with Property.replay(List.of(" + joined(shrinker.best) + "), ...).\n"
                + "The shrunk case:\n  " + String.join("\n  ", shrunk.notes()) + "\nIt fails with: "
                + shrinker.failure, shrinker.failure);
    }

    private static Throwable run(Gen gen, Consumer<Gen> property) {
        try {
            property.accept(gen);
            return null;
        } catch (Discarded discard) {
            return null;
        } catch (AssertionError | RuntimeException failure) {
            return failure;
        }
    }

    /**
     * Greedy passes over a failing case's choices until none helps: lower each choice as far as it still fails
     * (0, then a binary search), then delete chunks of 8, 4, 2 and 1 choices. A candidate is kept only when it
     * fails and is strictly simpler, so shrinking ends; a budget of replays and time bounds it too.
     */
    private static final class Shrinker {

        List<Integer> best;
        Throwable failure;
        int replays;
        int steps;
        private final Consumer<Gen> property;
        private final long deadline = System.nanoTime() + SHRINK_TIME.toNanos();

        Shrinker(List<Integer> failing, Throwable failure, Consumer<Gen> property) {
            this.best = failing;
            this.failure = failure;
            this.property = property;
        }

        void shrink() {
            boolean improved = true;
            while (improved && withinBudget()) {
                improved = lowerEachChoice() | deleteChunks();
            }
        }

        private boolean lowerEachChoice() {
            boolean improved = false;
            for (int i = 0; i < best.size() && withinBudget(); i++) {
                int value = best.get(i);
                if (value == 0) {
                    continue;
                }
                if (tryWith(i, 0)) {
                    improved = true;
                    continue;
                }
                int passes = 0;
                int fails = value;
                while (fails - passes > 1 && withinBudget() && i < best.size()) {
                    int middle = passes + (fails - passes) / 2;
                    if (tryWith(i, middle)) {
                        fails = middle;
                        improved = true;
                    } else {
                        passes = middle;
                    }
                }
            }
            return improved;
        }

        private boolean deleteChunks() {
            boolean improved = false;
            for (int size : new int[] {8, 4, 2, 1}) {
                for (int start = best.size() - size; start >= 0 && withinBudget(); start--) {
                    if (start + size > best.size()) {
                        continue;
                    }
                    List<Integer> shorter = new ArrayList<>(best.subList(0, start));
                    shorter.addAll(best.subList(start + size, best.size()));
                    improved |= tryCandidate(shorter);
                }
            }
            return improved;
        }

        private boolean tryWith(int index, int value) {
            if (index >= best.size()) {
                return false;
            }
            List<Integer> candidate = new ArrayList<>(best);
            candidate.set(index, value);
            return tryCandidate(candidate);
        }

        private boolean tryCandidate(List<Integer> candidate) {
            replays++;
            Gen gen = new Gen(Gen.Choices.replay(candidate));
            Throwable outcome = run(gen, property);
            List<Integer> drawn = trimmed(gen.drawn());
            if (outcome != null && simpler(drawn, best)) {
                best = drawn;
                failure = outcome;
                steps++;
                return true;
            }
            return false;
        }

        private boolean withinBudget() {
            return replays < SHRINK_BUDGET && System.nanoTime() < deadline;
        }
    }

    /** Fewer choices first, then the smaller at the first difference: a strict order, so shrinking ends. */
    private static boolean simpler(List<Integer> candidate, List<Integer> best) {
        if (candidate.size() != best.size()) {
            return candidate.size() < best.size();
        }
        for (int i = 0; i < candidate.size(); i++) {
            if (!candidate.get(i).equals(best.get(i))) {
                return candidate.get(i) < best.get(i);
            }
        }
        return false;
    }

    /** Trailing zeros read the same as absent choices. */
    private static List<Integer> trimmed(List<Integer> choices) {
        int end = choices.size();
        while (end > 0 && choices.get(end - 1) == 0) {
            end--;
        }
        return List.copyOf(choices.subList(0, end));
    }

    private static String joined(List<Integer> choices) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(choices.get(i));
        }
        return text.toString();
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("org.aviso.") && !f.getClassName().equals(Property.class.getName())
                        && !f.getMethodName().startsWith("lambda$"))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("property"));
    }

    record Label(String statistic, String value) {
    }

    /** What a run's cases were: counted, and for each statistic how often each label came up. */
    record Report(String name, int cases, int discarded, Map<String, Map<String, Integer>> statistics) {

        Map<String, Integer> statistic(String statistic) {
            return statistics.getOrDefault(statistic, Map.of());
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("[property] " + name + ": " + cases + " cases (base seed "
                    + BASE_SEED + "; cases 0 and 1 are the smallest and the largest), " + discarded + " discarded");
            statistics.forEach((statistic, counts) -> {
                int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                text.append("\n  ").append(statistic).append(':');
                counts.forEach((label, count) -> text.append(String.format(" %s %d (%.0f%%)", label, count,
                        100.0 * count / total)).append(';'));
            });
            return text.toString();
        }
    }

    /** Thrown by {@link #assume}: this case is not one the property speaks about. */
    static final class Discarded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Discarded() {
            super(null, null, false, false);
        }
    }
}
