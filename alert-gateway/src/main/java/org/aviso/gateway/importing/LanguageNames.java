package org.aviso.gateway.importing;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.aviso.core.common.Language;

/**
 * Reads the language column of a school export: names in English, in Spanish and in the language itself
 * ("Spanish", "Español", "espanol"), ISO 639 codes ("es", "spa", "es-MX") and the abbreviations school systems use
 * ("SP", "ENG"). The result is a language tag; whether the network offers it is for the caller to decide.
 */
public final class LanguageNames {

    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        names("en", "en", "eng", "english", "ingles", "e", "engl");
        names("es", "es", "spa", "sp", "span", "spanish", "espanol", "castellano", "s");
        names("vi", "vi", "vie", "vietnamese", "vietnamita", "tieng viet", "tiengviet");
        names("zh", "zh", "chi", "zho", "chinese", "chino", "mandarin", "cantonese", "中文", "普通话", "廣東話");
        names("tl", "tl", "tgl", "fil", "tagalog", "filipino");
        names("ar", "ar", "ara", "arabic", "arabe", "العربية");
        names("ko", "ko", "kor", "korean", "coreano", "한국어");
        names("ru", "ru", "rus", "russian", "ruso", "русский");
        names("pt", "pt", "por", "portuguese", "portugues");
        names("fr", "fr", "fre", "fra", "french", "frances", "francais");
        names("ht", "ht", "hat", "haitian", "haitian creole", "creole", "kreyol", "criollo haitiano");
        names("so", "so", "som", "somali");
        names("hmn", "hmn", "hmong");
        names("fa", "fa", "per", "fas", "farsi", "persian", "persa", "dari");
        names("uk", "uk", "ukr", "ukrainian", "ucraniano");
        names("pa", "pa", "pan", "punjabi");
        names("mam", "mam");
        names("quc", "quc", "kiche", "k'iche'", "quiche");
    }

    private LanguageNames() {
    }

    private static void names(String tag, String... names) {
        for (String name : names) {
            NAMES.put(key(name), tag);
        }
    }

    /** The language a cell names, if it is one this reader knows. An empty cell is empty. */
    public static Optional<Language> read(String cell) {
        if (cell == null || cell.isBlank()) {
            return Optional.empty();
        }
        String key = key(cell);
        String tag = NAMES.get(key);
        if (tag == null && key.contains("-")) {
            tag = NAMES.get(key.substring(0, key.indexOf('-'))); // es-MX
        }
        if (tag == null && key.contains("_")) {
            tag = NAMES.get(key.substring(0, key.indexOf('_')));
        }
        return Optional.ofNullable(tag).map(Language::of);
    }

    /** Whether the network offers this language; people are enrolled in one it offers, or refused. */
    public static boolean offered(Language language, List<Language> networkLanguages) {
        return networkLanguages.stream().anyMatch(l -> l.primary().equals(language.primary()));
    }

    private static String key(String text) {
        String folded = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[()\\[\\].]", "").replaceAll("\\s+", " ");
    }
}
