package org.aviso.gateway.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.core.render.RenderRequest;

/**
 * The dispatcher's own words for an alert, per language, and what readers of a language get when nobody wrote in it
 * (issue 17 item 2). Nobody is sent a text in a language they cannot read unless the dispatcher chose it for them:
 * when the dispatcher wrote in some language, every language of the audience without a text of its own needs a
 * {@link Choice}, either no free text at all (the steps and the template only) or the text written in another
 * language. Plain Java: the composer, the service and the check page all ask it.
 *
 * @param texts   language tag to the text written in it (never blank)
 * @param choices language tag (a language without a text) to what its readers get instead
 */
public record LanguagePlan(Map<String, String> texts, Map<String, Choice> choices) {

    /** What readers of a language without a text of its own get. */
    public sealed interface Choice {

        /** The form value: {@code none} or {@code text:<tag>}. */
        String value();

        /** No free text: the picked steps and the template only. */
        record WithoutText() implements Choice {
            @Override
            public String value() {
                return "none";
            }
        }

        /** The text the dispatcher wrote in {@code language}. */
        record TextOf(String language) implements Choice {
            @Override
            public String value() {
                return "text:" + language;
            }
        }

        static Optional<Choice> parse(String value) {
            if ("none".equals(value)) {
                return Optional.of(new WithoutText());
            }
            if (value != null && value.startsWith("text:")) {
                Optional<Language> language = tag(value.substring("text:".length()));
                return language.map(l -> new TextOf(l.tag()));
            }
            return Optional.empty();
        }
    }

    /** Why a plan cannot be taken: a form nobody could have sent from the composer, or a text too long. */
    public enum Problem {
        /** A text or a choice for a language the network does not have (or not a language tag at all). */
        UNKNOWN_LANGUAGE,
        /** A choice that is neither "without free text" nor "the text of" a language. */
        UNKNOWN_CHOICE,
        /** "The text of" a language nobody wrote in. */
        SOURCE_WITHOUT_TEXT,
        /** A text longer than a message can carry. */
        TEXT_TOO_LONG,
        /** One text for every language and texts per language at once: which would be sent is not clear. */
        TWO_KINDS_OF_TEXT
    }

    /** A plan that cannot be taken (a 400): which problem, and for which language (a tag, never a text). */
    public static final class Invalid extends IllegalArgumentException {

        private final Problem problem;
        private final String language;

        Invalid(Problem problem, String language) {
            super("language plan: " + problem + " for " + language);
            this.problem = problem;
            this.language = language;
        }

        public Problem problem() {
            return problem;
        }

        /** The language the problem is about, as posted (cut short): a tag, not a person's words. */
        public String language() {
            return language;
        }
    }

    /**
     * Readers of these languages (tags) would get a text they did not choose: the dispatcher must choose. A conflict
     * (409) with what was posted, as any refused transition is, should a caller not catch it.
     */
    public static final class ChoiceNeeded extends org.aviso.core.report.LifecycleException {

        private final List<String> languages;

        public ChoiceNeeded(List<String> languages) {
            super("a choice is needed for " + languages);
            this.languages = List.copyOf(languages);
        }

        public List<String> languages() {
            return languages;
        }
    }

    public LanguagePlan {
        texts = Map.copyOf(texts);
        choices = Map.copyOf(choices);
    }

    public static LanguagePlan none() {
        return new LanguagePlan(Map.of(), Map.of());
    }

    /**
     * The plan a composer posted, checked against the languages an alert may be written for ({@code known}: the
     * network's, and any its audience speaks). Blank texts and empty choices are left out; a choice for a language
     * that has its own text is moot and left out too.
     *
     * @throws Invalid for a language not known, a choice not understood, a source language without a text, or a
     *                 text too long
     */
    public static LanguagePlan of(Collection<Language> known, Map<String, String> postedTexts,
            Map<String, String> postedChoices) {
        Set<String> tags = new LinkedHashSet<>();
        known.forEach(l -> tags.add(l.tag()));
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> posted : postedTexts.entrySet()) {
            String text = posted.getValue() == null ? "" : posted.getValue().replace("\r\n", "\n").strip();
            String tag = knownTag(tags, posted.getKey());
            if (text.length() > RenderRequest.MAX_INSTRUCTIONS) {
                throw new Invalid(Problem.TEXT_TOO_LONG, tag);
            }
            if (!text.isEmpty()) {
                texts.put(tag, text);
            }
        }
        Map<String, Choice> choices = new LinkedHashMap<>();
        for (Map.Entry<String, String> posted : postedChoices.entrySet()) {
            String tag = knownTag(tags, posted.getKey());
            String value = posted.getValue() == null ? "" : posted.getValue().strip();
            if (value.isEmpty()) {
                continue; // the "choose" line of the form: no choice yet
            }
            Choice choice = Choice.parse(value).orElseThrow(() -> new Invalid(Problem.UNKNOWN_CHOICE, tag));
            if (choice instanceof Choice.TextOf textOf) {
                if (!tags.contains(textOf.language())) {
                    throw new Invalid(Problem.UNKNOWN_LANGUAGE, shorten(textOf.language()));
                }
                if (!texts.containsKey(textOf.language())) {
                    throw new Invalid(Problem.SOURCE_WITHOUT_TEXT, textOf.language());
                }
            }
            if (!texts.containsKey(tag)) {
                choices.put(tag, choice);
            }
        }
        return new LanguagePlan(texts, choices);
    }

    /** No free text in any language. */
    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /**
     * The languages of {@code audience} whose readers lack a text and for which nothing was chosen, in the order
     * given, each once. Empty when the dispatcher wrote nothing at all: then nobody lacks anything.
     */
    public List<String> lackingChoice(Collection<Language> audience) {
        List<String> lacking = new ArrayList<>();
        if (isEmpty()) {
            return lacking;
        }
        for (Language language : audience) {
            String key = key(language);
            if (!texts.containsKey(key) && !choices.containsKey(key) && !lacking.contains(key)) {
                lacking.add(key);
            }
        }
        return lacking;
    }

    /** Throws {@link ChoiceNeeded} when a language of {@code audience} lacks both a text and a choice. */
    public void requireChoices(Collection<Language> audience) {
        List<String> lacking = lackingChoice(audience);
        if (!lacking.isEmpty()) {
            throw new ChoiceNeeded(lacking);
        }
    }

    /** Of {@code languages}, those without a text of their own while another language has one. */
    public List<String> lackingText(Collection<Language> languages) {
        return isEmpty() ? List.of() : languages.stream().map(this::key).filter(k -> !texts.containsKey(k))
                .distinct().toList();
    }

    /**
     * What a reader of {@code language} gets: the text written in it (or in its primary language), else what was
     * chosen for it, else nothing. Never another language's text unless the dispatcher chose it.
     */
    public String textFor(Language language) {
        String key = key(language);
        String own = texts.get(key);
        if (own != null) {
            return own;
        }
        Choice choice = choices.get(key);
        if (choice instanceof Choice.TextOf textOf) {
            return texts.getOrDefault(textOf.language(), "");
        }
        return "";
    }

    /** What was chosen for a language without a text, if anything. */
    public Optional<Choice> choiceFor(Language language) {
        return Optional.ofNullable(choices.get(key(language)));
    }

    /** The choices as stored (tag to form value): no person's words, only languages. */
    public Map<String, String> choiceValues() {
        Map<String, String> values = new LinkedHashMap<>();
        choices.forEach((tag, choice) -> values.put(tag, choice.value()));
        return values;
    }

    /** The plan from what {@link #texts()} and {@link #choiceValues()} stored; choices not understood are dropped. */
    public static LanguagePlan stored(Map<String, String> texts, Map<String, String> choiceValues) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        choiceValues.forEach((tag, value) -> Choice.parse(value).ifPresent(c -> choices.put(tag, c)));
        return new LanguagePlan(texts, choices);
    }

    /** A language's own key in this plan: its tag where a text or choice uses it, else its primary language's. */
    private String key(Language language) {
        String tag = language.tag();
        if (texts.containsKey(tag) || choices.containsKey(tag)) {
            return tag;
        }
        String primary = language.primary().tag();
        return texts.containsKey(primary) || choices.containsKey(primary) ? primary : tag;
    }

    private static String knownTag(Set<String> tags, String posted) {
        Optional<Language> language = tag(posted);
        if (language.isEmpty() || !tags.contains(language.get().tag())) {
            throw new Invalid(Problem.UNKNOWN_LANGUAGE, shorten(posted));
        }
        return language.get().tag();
    }

    private static Optional<Language> tag(String posted) {
        try {
            return posted == null || posted.isBlank() ? Optional.empty() : Optional.of(Language.of(posted));
        } catch (IllegalArgumentException notATag) {
            return Optional.empty();
        }
    }

    private static String shorten(String posted) {
        String s = posted == null ? "" : posted.replaceAll("[^A-Za-z0-9-]", "");
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    @Override
    public String toString() {
        return "LanguagePlan[texts in " + texts.keySet() + ", choices " + choiceValues() + "]";
    }
}
