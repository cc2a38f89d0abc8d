package org.aviso.gateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.gateway.alert.LanguagePlan;
import org.aviso.gateway.web.TextDirection;

/**
 * What the composer and the alert page show of an alert's languages: a box for the dispatcher's words in each
 * language of the network, a choice for each language left without words, and what was chosen, named in the
 * viewer's language.
 */
final class ComposerLanguages {

    /** A box for the dispatcher's words in one language of the network. */
    record LanguageBox(String tag, String name, String dir, String text, boolean lacksText) {
    }

    /** One thing readers of a language without a text may get instead: no free text, or another language's. */
    record ChoiceOption(String value, String sourceName) {
    }

    /** The choice for a language without a text: its options, the one chosen, and whether its audience reads it. */
    record ChoiceRow(String tag, String name, List<ChoiceOption> options, String chosen, boolean inAudience) {
    }

    /** One language on the alert's page: its own text, the text chosen for it, or none. */
    record PlanRow(String tag, String name, String choice, String text, String source, String sourceName,
            String sourceDir) {
    }

    private final Locale viewer;
    private final List<Language> networkLanguages;

    ComposerLanguages(Locale viewer, List<Language> networkLanguages) {
        this.viewer = viewer;
        this.networkLanguages = networkLanguages;
    }

    String name(String tag) {
        String name = Locale.forLanguageTag(tag).getDisplayName(viewer);
        return name == null || name.isBlank() ? tag : name;
    }

    /** The languages the dispatcher wrote in. */
    private static Set<String> written(Map<String, String> texts) {
        Set<String> written = new LinkedHashSet<>();
        texts.forEach((tag, text) -> {
            if (text != null && !text.isBlank()) {
                written.add(tag);
            }
        });
        return written;
    }

    List<LanguageBox> boxes(Map<String, String> texts) {
        Set<String> written = written(texts);
        List<LanguageBox> boxes = new ArrayList<>();
        for (Language language : networkLanguages) {
            String text = texts.getOrDefault(language.tag(), "");
            boxes.add(new LanguageBox(language.tag(), name(language.tag()), TextDirection.of(language.tag()),
                    text == null ? "" : text, !written.isEmpty() && !written.contains(language.tag())));
        }
        return boxes;
    }

    /** A choice for each language without words while another has some (none while nothing is written). */
    List<ChoiceRow> choices(Map<String, String> texts, Map<String, String> chosen, Set<Language> audience) {
        Set<String> written = written(texts);
        List<ChoiceRow> rows = new ArrayList<>();
        if (written.isEmpty()) {
            return rows;
        }
        Set<String> lacking = new LinkedHashSet<>();
        networkLanguages.forEach(l -> lacking.add(l.tag()));
        audience.forEach(l -> lacking.add(written.contains(l.primary().tag()) ? l.primary().tag() : l.tag()));
        lacking.removeAll(written);
        Set<String> heard = new LinkedHashSet<>();
        audience.forEach(l -> heard.add(l.tag()));
        audience.forEach(l -> heard.add(l.primary().tag()));
        for (String tag : lacking) {
            List<ChoiceOption> options = new ArrayList<>();
            options.add(new ChoiceOption("none", null));
            written.forEach(source -> options.add(new ChoiceOption("text:" + source, name(source))));
            rows.add(new ChoiceRow(tag, name(tag), options, chosen.getOrDefault(tag, ""), heard.contains(tag)));
        }
        return rows;
    }

    /** The names of the network's languages and the audience's, by tag. */
    Map<String, String> names(Set<Language> audience) {
        Map<String, String> names = new LinkedHashMap<>();
        networkLanguages.forEach(l -> names.put(l.tag(), name(l.tag())));
        audience.forEach(l -> names.put(l.tag(), name(l.tag())));
        return names;
    }

    /** The stored plan, a row per language of the network and of the plan. */
    List<PlanRow> plan(LanguagePlan plan) {
        Set<String> tags = new LinkedHashSet<>();
        networkLanguages.forEach(l -> tags.add(l.tag()));
        tags.addAll(plan.texts().keySet());
        tags.addAll(plan.choices().keySet());
        List<PlanRow> rows = new ArrayList<>();
        for (String tag : tags) {
            String own = plan.texts().get(tag);
            LanguagePlan.Choice choice = plan.choices().get(tag);
            if (own != null) {
                rows.add(new PlanRow(tag, name(tag), "own", own, tag, null, TextDirection.of(tag)));
            } else if (choice instanceof LanguagePlan.Choice.TextOf textOf) {
                rows.add(new PlanRow(tag, name(tag), "text", plan.texts().getOrDefault(textOf.language(), ""),
                        textOf.language(), name(textOf.language()), TextDirection.of(textOf.language())));
            } else {
                rows.add(new PlanRow(tag, name(tag), choice == null ? "unchosen" : "none", "", tag, null, "ltr"));
            }
        }
        return rows;
    }
}
