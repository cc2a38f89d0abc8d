package org.aviso.core.properties;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over many generated cases. The base seed is fixed so runs are reproducible; set
 * {@code -Daviso.seed=<n>} to explore other cases. A failure names the case seed, and {@link #replay} runs just that
 * case.
 *
 * <p>Our own runner rather than jqwik: jqwik 1.10.1 runs on this JUnit Platform, but its author asks that it not be
 * used by AI agents, and this module was written by one.
 */
final class Property {

    static final long BASE_SEED = Long.getLong("aviso.seed", 20_260_302L);

    private Property() {
    }

    static void forAll(int cases, Consumer<Gen> property) {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        for (int i = 0; i < cases; i++) {
            long seed = seeds.nextLong();
            try {
                property.accept(new Gen(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed for case " + i + "; replay with Property.replay(" + seed
                        + "L, ...)", e);
            }
        }
    }

    static void replay(long seed, Consumer<Gen> property) {
        property.accept(new Gen(seed));
    }
}
