package org.aviso.core.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;

/**
 * Templates by kind, language and channel, plus each language's drill marker. Immutable: {@link #withTemplate} and
 * {@link #withDrillMarker} return a new catalog, so a network adds a language as data without touching code.
 */
public final class TemplateCatalog {

    private final Map<TemplateKey, MessageTemplate> templates;
    private final Map<Language, String> drillMarkers;

    private TemplateCatalog(Map<TemplateKey, MessageTemplate> templates, Map<Language, String> drillMarkers) {
        this.templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        this.drillMarkers = Collections.unmodifiableMap(new LinkedHashMap<>(drillMarkers));
    }

    /** English and Spanish for every alert kind on Signal and SMS. */
    public static TemplateCatalog defaults() {
        return new TemplateCatalog(DefaultTemplates.all(), DefaultTemplates.drillMarkers());
    }

    public TemplateCatalog withTemplate(TemplateKey key, MessageTemplate template) {
        Checks.required(key, "template key");
        Checks.required(template, "template");
        Map<TemplateKey, MessageTemplate> copy = new LinkedHashMap<>(templates);
        copy.put(key, template);
        return new TemplateCatalog(copy, drillMarkers);
    }

    /** The word that opens every exercise message in this language, such as "[SIMULACRO]". */
    public TemplateCatalog withDrillMarker(Language language, String marker) {
        Checks.required(language, "language");
        Checks.notBlank(marker, "drill marker", 20);
        Map<Language, String> copy = new LinkedHashMap<>(drillMarkers);
        copy.put(language, marker.strip());
        return new TemplateCatalog(templates, copy);
    }

    public Optional<MessageTemplate> find(TemplateKey key) {
        return Optional.ofNullable(templates.get(key));
    }

    /** Falls back to the English marker, so a new language without one still says DRILL. */
    public String drillMarker(Language language) {
        return drillMarkers.getOrDefault(language, drillMarkers.getOrDefault(Language.ENGLISH, "[DRILL]"));
    }

    /**
     * Whether a message of this kind can be written in this language on both channels (its own template, or its
     * primary language's), rather than falling back to English.
     */
    public boolean covers(AlertKind kind, Language language) {
        for (Channel channel : Channel.values()) {
            if (find(new TemplateKey(kind, language, channel)).isEmpty()
                    && find(new TemplateKey(kind, language.primary(), channel)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Set<Language> languages() {
        Set<Language> languages = new LinkedHashSet<>();
        templates.keySet().forEach(key -> languages.add(key.language()));
        return Collections.unmodifiableSet(languages);
    }

    /**
     * The placeholders that every template of this kind carries, whatever its language and channel. Asked of the
     * built-in catalog, it is what a reworded template of that kind must keep: the approved texts all agree that a
     * VERIFIED alert names the site and the time and says where to check it, that an UPDATE carries the
     * dispatcher's instructions, and so on.
     */
    public Set<String> placeholdersCommonTo(AlertKind kind) {
        Checks.required(kind, "alert kind");
        Set<String> common = null;
        for (Map.Entry<TemplateKey, MessageTemplate> entry : templates.entrySet()) {
            if (entry.getKey().kind() == kind) {
                if (common == null) {
                    common = new LinkedHashSet<>(entry.getValue().placeholders());
                } else {
                    common.retainAll(entry.getValue().placeholders());
                }
            }
        }
        return common == null ? Set.of() : Collections.unmodifiableSet(common);
    }

    /** What a language still lacks, so the console can warn before a network relies on it. */
    public List<TemplateKey> missingFor(Language language) {
        Checks.required(language, "language");
        return java.util.Arrays.stream(AlertKind.values())
                .flatMap(kind -> java.util.Arrays.stream(Channel.values())
                        .map(channel -> new TemplateKey(kind, language, channel)))
                .filter(key -> !templates.containsKey(key))
                .toList();
    }
}
