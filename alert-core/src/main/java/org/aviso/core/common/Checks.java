package org.aviso.core.common;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks shared by the domain's record constructors, so every rejection reads the same way and
 * none of them echoes the rejected value (it may be a phone number or free text).
 */
public final class Checks {

    private Checks() {
    }

    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static String notBlank(String value, String name, int maxLength) {
        required(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static Duration positive(Duration value, String name) {
        required(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    public static Duration notNegative(Duration value, String name) {
        required(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    public static <C extends Collection<?>> C noNulls(C values, String name) {
        required(values, name);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + " must not contain null");
        }
        return values;
    }
}
