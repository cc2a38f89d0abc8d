package org.aviso.core.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A language as a lower-case BCP-47-like tag ({@code en}, {@code es}, {@code es-mx}). Templates are looked up by
 * it, so it is kept in one canonical spelling; {@link #of(String)} accepts the usual variations.
 */
public record Language(String tag) {

    // Declared before the constants below, which need it while the class initialises.
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*");

    public static final Language ENGLISH = new Language("en");
    public static final Language SPANISH = new Language("es");

    public Language {
        Checks.required(tag, "language tag");
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException(
                    "language tag must be lower-case BCP-47 such as en, es or es-mx");
        }
    }

    /** Accepts {@code "ES"}, {@code " es_MX "} and the like and returns the canonical form. */
    public static Language of(String tag) {
        Checks.required(tag, "language tag");
        return new Language(tag.trim().replace('_', '-').toLowerCase(Locale.ROOT));
    }

    /** The primary subtag: {@code es} for {@code es-mx}. */
    public Language primary() {
        int dash = tag.indexOf('-');
        return dash < 0 ? this : new Language(tag.substring(0, dash));
    }

    @Override
    public String toString() {
        return tag;
    }
}
