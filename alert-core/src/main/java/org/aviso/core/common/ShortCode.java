package org.aviso.core.common;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * An 8-character code that people read aloud, type on a phone or reply by SMS: used as an alert's verification
 * code and as a report's code. The alphabet leaves out characters that are easily confused (0/O, 1/I/L, U/V), so
 * a code read over a bad line still arrives intact.
 */
public record ShortCode(String value) {

    /** Digits 2-9 and upper-case letters without I, L, O and U: 30 symbols, about 6.6 x 10^11 codes. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 8;

    public ShortCode {
        Checks.required(value, "short code");
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("short code must be " + LENGTH + " characters from " + ALPHABET);
        }
    }

    public static ShortCode generate(RandomGenerator random) {
        Checks.required(random, "random generator");
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ShortCode(code.toString());
    }

    /**
     * Reads a code as people type it: any case, with spaces and at most one dash ({@code "abcd-2345"},
     * {@code "ABCD 2345"}).
     */
    public static ShortCode parse(String text) {
        Checks.required(text, "short code");
        String compact = text.strip().replace(" ", "").toUpperCase(Locale.ROOT);
        int dash = compact.indexOf('-');
        if (dash >= 0 && compact.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("short code may contain at most one dash");
        }
        return new ShortCode(compact.replace("-", ""));
    }

    /** The form printed in messages, {@code ABCD-2345}: two groups of four are easier to read and type. */
    public String display() {
        return value.substring(0, LENGTH / 2) + "-" + value.substring(LENGTH / 2);
    }

    @Override
    public String toString() {
        return display();
    }
}
