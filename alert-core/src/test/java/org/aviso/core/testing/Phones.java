package org.aviso.core.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.aviso.core.common.PhoneNumber;

/** Distinct, obviously fictional US numbers (555-01xx style) for test data. */
public final class Phones {

    private static final AtomicLong NEXT = new AtomicLong(1_000);

    private Phones() {
    }

    public static PhoneNumber next() {
        return PhoneNumber.of("+1415555" + String.format("%04d", NEXT.getAndIncrement() % 10_000));
    }
}
