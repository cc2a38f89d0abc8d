package org.aviso.gateway.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.aviso.core.common.Language;
import org.aviso.core.render.RenderRequest;

/**
 * What a school keeps ready for the day it is needed: safety-plan steps (each with an optional short form for SMS),
 * the pick-up plan, mutual-aid resources and know-your-rights notes, every text in every language of the network.
 * Texts are keyed by language tag. No field here may hold anything about a family: it describes the site.
 */
public record SiteProfile(List<Step> steps, Map<String, String> pickUp, List<Resource> resources,
        Map<String, String> rights) {

    public static final int MAX_STEP = 300;
    public static final int MAX_SHORT = RenderRequest.MAX_SHORT_INSTRUCTIONS / 2;
    public static final int MAX_NOTE = 2_000;
    public static final int MAX_FIELD = 200;
    public static final int MAX_STEPS = 20;
    public static final int MAX_RESOURCES = 30;

    public SiteProfile {
        steps = List.copyOf(steps);
        pickUp = Map.copyOf(pickUp);
        resources = List.copyOf(resources);
        rights = Map.copyOf(rights);
    }

    public static SiteProfile empty() {
        return new SiteProfile(List.of(), Map.of(), List.of(), Map.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty() && pickUp.isEmpty() && resources.isEmpty() && rights.isEmpty();
    }

    /** One step of the safety plan: its words, and optionally fewer words for an SMS, per language. */
    public record Step(Map<String, String> text, Map<String, String> shortText) {
        public Step {
            text = Map.copyOf(text);
            shortText = Map.copyOf(shortText);
        }

        public String text(Language language) {
            return text.getOrDefault(language.tag(), "");
        }

        /** The short form, or the step itself when it has none. */
        public String shortText(Language language) {
            String s = shortText.getOrDefault(language.tag(), "");
            return s.isBlank() ? text(language) : s;
        }
    }

    /** Where families find help: food, legal, rides, childcare, money, health. */
    public enum Kind {
        FOOD, LEGAL, RIDES, CHILDCARE, MONEY, HEALTH
    }

    /**
     * A mutual-aid resource.
     *
     * @param reach  how to reach it (a phone number, an address, a Signal name): the same in every language
     * @param spoken the languages spoken there, as tags
     */
    public record Resource(Kind kind, Map<String, String> name, String reach, Map<String, String> hours,
            List<String> spoken) {
        public Resource {
            name = Map.copyOf(name);
            hours = Map.copyOf(hours);
            spoken = List.copyOf(spoken);
        }

        public String name(Language language) {
            return name.getOrDefault(language.tag(), "");
        }

        public String hours(Language language) {
            return hours.getOrDefault(language.tag(), "");
        }
    }

    /** What is missing or too long, as (form field id, message key, arguments); empty when it can be saved. */
    public List<Problem> problems(List<Language> languages) {
        List<Problem> problems = new ArrayList<>();
        if (steps.size() > MAX_STEPS) {
            problems.add(new Problem("steps", "admin.profile.error.tooMany", List.of(MAX_STEPS)));
        }
        if (resources.size() > MAX_RESOURCES) {
            problems.add(new Problem("resources", "admin.profile.error.tooMany", List.of(MAX_RESOURCES)));
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            for (Language language : languages) {
                String id = "step-" + i + "-" + language.tag();
                if (step.text(language).isBlank()) {
                    problems.add(new Problem(id, "admin.profile.error.stepLanguage", List.of(i + 1, language.tag())));
                } else if (step.text(language).length() > MAX_STEP) {
                    problems.add(new Problem(id, "admin.profile.error.long", List.of(MAX_STEP)));
                }
                String shortText = step.shortText().getOrDefault(language.tag(), "");
                if (shortText.length() > MAX_SHORT) {
                    problems.add(new Problem("short-" + i + "-" + language.tag(), "admin.profile.error.long",
                            List.of(MAX_SHORT)));
                }
            }
        }
        note(problems, pickUp, "pickup", languages);
        note(problems, rights, "rights", languages);
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            if (resource.kind() == null) {
                problems.add(new Problem("res-" + i + "-kind", "admin.profile.error.kind", List.of(i + 1)));
            }
            if (resource.reach().isBlank()) {
                problems.add(new Problem("res-" + i + "-reach", "admin.profile.error.reach", List.of(i + 1)));
            } else if (resource.reach().length() > MAX_FIELD) {
                problems.add(new Problem("res-" + i + "-reach", "admin.profile.error.long", List.of(MAX_FIELD)));
            }
            for (Language language : languages) {
                String id = "res-" + i + "-name-" + language.tag();
                if (resource.name(language).isBlank()) {
                    problems.add(new Problem(id, "admin.profile.error.resourceLanguage",
                            List.of(i + 1, language.tag())));
                } else if (resource.name(language).length() > MAX_FIELD) {
                    problems.add(new Problem(id, "admin.profile.error.long", List.of(MAX_FIELD)));
                }
                if (resource.hours(language).length() > MAX_FIELD) {
                    problems.add(new Problem("res-" + i + "-hours-" + language.tag(), "admin.profile.error.long",
                            List.of(MAX_FIELD)));
                }
            }
        }
        return problems;
    }

    private static void note(List<Problem> problems, Map<String, String> texts, String field,
            List<Language> languages) {
        if (texts.values().stream().allMatch(String::isBlank)) {
            return;
        }
        for (Language language : languages) {
            String text = texts.getOrDefault(language.tag(), "");
            if (text.isBlank()) {
                problems.add(new Problem(field + "-" + language.tag(), "admin.profile.error." + field + "Language",
                        List.of(language.tag())));
            } else if (text.length() > MAX_NOTE) {
                problems.add(new Problem(field + "-" + language.tag(), "admin.profile.error.long",
                        List.of(MAX_NOTE)));
            }
        }
    }

    /** A reason the profile cannot be saved, for the field with id {@code field}. */
    public record Problem(String field, String key, List<Object> args) {
    }
}
