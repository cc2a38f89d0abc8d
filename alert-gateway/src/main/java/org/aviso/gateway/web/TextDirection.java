package org.aviso.gateway.web;

import java.util.Set;

import org.aviso.core.common.Language;

/** Which way a language's text runs, for the {@code dir} attribute of what is written in it. */
public final class TextDirection {

    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv",
            "ckb", "syr");

    private TextDirection() {
    }

    /** {@code rtl} for Arabic, Hebrew, Persian and the like (by primary subtag), otherwise {@code ltr}. */
    public static String of(String tag) {
        return RIGHT_TO_LEFT.contains(Language.of(tag).primary().tag()) ? "rtl" : "ltr";
    }
}
