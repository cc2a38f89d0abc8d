package org.aviso.core.common;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form: {@code +} then 8 to 15 digits, the first of them 1-9.
 *
 * <p>{@link #toString()} is masked because gateway code may log domain objects; only {@link #e164()} gives
 * the full number, for the one place that actually sends. No error message ever contains the number.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final int MAX_REVEALED_DIGITS = 4;
    private static final int MASK_KEEPS = 2;

    public PhoneNumber {
        Checks.required(e164, "phone number");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("phone number must be in E.164 form: + then 8 to 15 digits, not starting with 0");
        }
    }

    public static PhoneNumber of(String e164) {
        return new PhoneNumber(e164);
    }

    /** The number with every digit but the last two hidden, e.g. {@code +•••••••••42}. */
    public String masked() {
        int digits = e164.length() - 1;
        return "+" + "•".repeat(digits - MASK_KEEPS) + e164.substring(e164.length() - MASK_KEEPS);
    }

    /**
     * The last {@code count} digits, for a console that helps someone recognise a number. More than four would
     * start to identify the person, so that is the limit.
     */
    public String lastDigits(int count) {
        if (count < 1 || count > MAX_REVEALED_DIGITS) {
            throw new IllegalArgumentException("lastDigits reveals between 1 and " + MAX_REVEALED_DIGITS + " digits");
        }
        return e164.substring(e164.length() - count);
    }

    @Override
    public String toString() {
        return masked();
    }
}
