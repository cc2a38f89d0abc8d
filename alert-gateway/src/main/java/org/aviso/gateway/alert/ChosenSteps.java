package org.aviso.gateway.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.aviso.core.common.Language;
import org.aviso.core.render.RenderRequest;
import org.aviso.gateway.profile.SiteProfile;

/**
 * The safety-plan steps picked for one alert, in each language: the whole steps (Signal, the check page) and their
 * short forms (SMS). Combined with the dispatcher's own words into what each language's message carries.
 *
 * @param byLanguage language tag to the steps in that language
 */
public record ChosenSteps(Map<String, Texts> byLanguage) {

    public record Texts(String full, String shortForm) {
    }

    public ChosenSteps {
        byLanguage = Map.copyOf(byLanguage);
    }

    public static ChosenSteps none() {
        return new ChosenSteps(Map.of());
    }

    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    /** Steps {@code indices} (0-based) of {@code profile}, in each of {@code languages}. */
    public static ChosenSteps pick(SiteProfile profile, List<Integer> indices, List<Language> languages) {
        if (indices.isEmpty()) {
            return none();
        }
        Map<String, Texts> texts = new LinkedHashMap<>();
        for (Language language : languages) {
            StringBuilder full = new StringBuilder();
            StringBuilder shortForm = new StringBuilder();
            for (int index : indices) {
                if (index < 0 || index >= profile.steps().size()) {
                    throw new IllegalArgumentException("no such step in the site's safety plan");
                }
                SiteProfile.Step step = profile.steps().get(index);
                append(full, step.text(language));
                append(shortForm, step.shortText(language));
            }
            if (!full.isEmpty()) {
                texts.put(language.tag(), new Texts(full.toString(), shortForm.toString()));
            }
        }
        return new ChosenSteps(texts);
    }

    /** The steps in {@code language}, its primary language, else English; none when none of those exists. */
    public Texts in(Language language) {
        Texts texts = byLanguage.get(language.tag());
        if (texts == null) {
            texts = byLanguage.get(language.primary().tag());
        }
        if (texts == null) {
            texts = byLanguage.get(Language.ENGLISH.tag());
        }
        return texts == null ? new Texts("", "") : texts;
    }

    /** The steps then the dispatcher's words, whole and short, kept within what a render request accepts. */
    public RenderTexts with(String freeText, Language language) {
        Texts steps = in(language);
        String free = freeText == null ? "" : freeText.strip();
        String full = join(steps.full(), free);
        if (full.length() > RenderRequest.MAX_INSTRUCTIONS) {
            full = full.substring(0, RenderRequest.MAX_INSTRUCTIONS);
        }
        String shortForm = steps.shortForm().isEmpty() ? "" : join(steps.shortForm(), free);
        if (shortForm.length() > RenderRequest.MAX_SHORT_INSTRUCTIONS) {
            shortForm = steps.shortForm().length() <= RenderRequest.MAX_SHORT_INSTRUCTIONS ? steps.shortForm() : "";
        }
        return new RenderTexts(full, shortForm);
    }

    public record RenderTexts(String full, String shortForm) {
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    private static void append(StringBuilder to, String step) {
        if (step != null && !step.isBlank()) {
            if (!to.isEmpty()) {
                to.append(' ');
            }
            to.append(step.strip());
        }
    }

    @Override
    public String toString() {
        return "ChosenSteps" + byLanguage.keySet();
    }
}
