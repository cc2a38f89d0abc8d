package org.aviso.gateway.languages;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.reply.Reply;
import org.aviso.core.reply.ReplyParser;
import org.aviso.core.tree.Network;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A network's languages and what each says besides its templates. Adding a language puts it in the network's list
 * (so the template pages ask for its templates and the composer refuses it until they exist) and keeps its words.
 */
@Component
public class NetworkLanguages {

    /** The texts a language carries, in the order the form asks for them. */
    public static final List<String> KEYS = List.of("keyword.ACKNOWLEDGE", "keyword.HELP", "keyword.STOP",
            "keyword.VERIFY", "keyword.JOIN", "drill_marker", "check.heading", "check.genuine", "check.unknown");
    public static final int MAX_TEXT = 400;

    private final JdbcClient jdbc;
    private final TreeStore tree;
    private final AuditLog audit;
    private final Clock clock;

    NetworkLanguages(JdbcClient jdbc, TreeStore tree, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is wrong with a new language, as (field, message key); empty when it can be added. */
    public List<Map.Entry<String, String>> problems(NetworkId network, String tag, Map<String, String> texts) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        Optional<Language> language = parse(tag);
        if (language.isEmpty()) {
            problems.add(Map.entry("tag", "admin.languages.error.tag"));
        } else if (tree.network(network).orElseThrow().network().languages().contains(language.get())) {
            problems.add(Map.entry("tag", "admin.languages.error.exists"));
        }
        for (String key : KEYS) {
            String text = texts.getOrDefault(key, "").strip();
            if (text.isEmpty()) {
                problems.add(Map.entry(key, "admin.languages.error.missing"));
            } else if (text.length() > MAX_TEXT) {
                problems.add(Map.entry(key, "admin.languages.error.long"));
            } else if (key.startsWith("keyword.")) {
                for (String word : words(text)) {
                    if (!(ReplyParser.parse(word) instanceof Reply.Unknown)) {
                        // "STOP" or "OK" already mean something built in; a network may not give them a new meaning
                        problems.add(Map.entry(key, "admin.languages.error.builtIn"));
                        break;
                    }
                }
            }
        }
        return problems;
    }

    /** A BCP 47 tag Java understands as a language ("vi", "ht", "mam", "ar", "es-mx"), in Aviso's spelling. */
    public static Optional<Language> parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Language language = Language.of(tag);
            Locale locale = Locale.forLanguageTag(language.tag());
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(language);
        } catch (IllegalArgumentException notATag) {
            return Optional.empty();
        }
    }

    @Transactional
    public void add(NetworkId network, Language language, Map<String, String> texts, String actor) {
        NetworkRecord record = tree.network(network).orElseThrow();
        Network old = record.network();
        List<Language> languages = new ArrayList<>(old.languages());
        languages.add(language);
        tree.saveNetwork(new NetworkRecord(new Network(old.id(), old.name(), languages, old.quorum(),
                old.incidentWindow(), old.incidentExpiry(), old.retention(), old.receiptTimeout()), record.zone()));
        save(network, language, texts, actor);
        audit.record(network.value(), actor, AuditAction.SETTINGS_CHANGED, "language:" + language.tag(), "added");
    }

    @Transactional
    public void save(NetworkId network, Language language, Map<String, String> texts, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        for (String key : KEYS) {
            String text = texts.getOrDefault(key, "").strip();
            if (text.isEmpty()) {
                continue;
            }
            jdbc.sql("""
                            insert into network_language_text (network_id, language, key, text, changed_at, changed_by)
                            values (:network, :language, :key, :text, :now, :by)
                            on conflict (network_id, language, key) do update
                               set text = excluded.text, changed_at = excluded.changed_at, changed_by = excluded.changed_by
                            """)
                    .param("network", network.value()).param("language", language.tag()).param("key", key)
                    .param("text", text).param("now", now).param("by", actor).update();
        }
    }

    /** Every text of every language the network added, language -> key -> text. */
    @Transactional(readOnly = true)
    public Map<Language, Map<String, String>> texts(NetworkId network) {
        Map<Language, Map<String, String>> texts = new LinkedHashMap<>();
        jdbc.sql("select language, key, text from network_language_text where network_id = :n order by language, key")
                .param("n", network.value())
                .query(rs -> {
                    texts.computeIfAbsent(Language.of(rs.getString("language")), l -> new LinkedHashMap<>())
                            .put(rs.getString("key"), rs.getString("text"));
                });
        return texts;
    }

    public Optional<String> text(NetworkId network, Language language, String key) {
        return Optional.ofNullable(texts(network).getOrDefault(language, Map.of()).get(key));
    }

    /** The drill marker of each language the network wrote one for. */
    public Map<Language, String> drillMarkers(NetworkId network) {
        Map<Language, String> markers = new LinkedHashMap<>();
        texts(network).forEach((language, texts) -> {
            if (texts.containsKey("drill_marker")) {
                markers.put(language, texts.get("drill_marker"));
            }
        });
        return markers;
    }

    /** The networks' own keywords, by their normalised words, for {@link ReplyParser#parse(String, Map)}. */
    @Transactional(readOnly = true)
    public Map<String, ReplyParser.Keyword> keywords(Set<UUID> networks) {
        Map<String, ReplyParser.Keyword> keywords = new HashMap<>();
        if (networks.isEmpty()) {
            return keywords;
        }
        jdbc.sql("select language, key, text from network_language_text where network_id = any(:n) and key like 'keyword.%'")
                .param("n", networks.toArray(UUID[]::new))
                .query(rs -> {
                    ReplyParser.Meaning meaning = ReplyParser.Meaning.valueOf(rs.getString("key").substring("keyword.".length()));
                    Language language = Language.of(rs.getString("language"));
                    for (String word : words(rs.getString("text"))) {
                        keywords.putIfAbsent(ReplyParser.normalise(word), new ReplyParser.Keyword(meaning, language));
                    }
                });
        return keywords;
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.split(",")) {
            if (!word.isBlank()) {
                words.add(word.strip());
            }
        }
        return words;
    }
}
