package org.aviso.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.gateway.alert.Templates;
import org.aviso.gateway.languages.NetworkLanguages;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.TextDirection;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A network's languages (issue 17 item 5): the list, with which alert kinds still lack a template in each, and a form
 * that adds a BCP 47 language with its reply keywords, drill marker and check-page texts, no code change. Its alert
 * templates are then written on the templates page; until they exist the composer refuses to send in it.
 */
@Controller
class LanguageAdminController {

    static final String VIEW = "admin/languages";

    private final TreeStore tree;
    private final NetworkLanguages languages;
    private final Templates templates;

    LanguageAdminController(TreeStore tree, NetworkLanguages languages, Templates templates) {
        this.tree = tree;
        this.languages = languages;
        this.templates = templates;
    }

    record Row(String tag, String name, String dir, List<String> missingKinds, Map<String, String> texts) {
    }

    @GetMapping("/admin/languages")
    String list(@AuthenticationPrincipal AvisoPrincipal admin, Model model, java.util.Locale locale) {
        NetworkId network = new NetworkId(admin.networkId());
        TemplateCatalog catalog = templates.catalog(network);
        Map<Language, Map<String, String>> texts = languages.texts(network);
        List<Row> rows = new ArrayList<>();
        for (Language language : tree.network(network).orElseThrow().network().languages()) {
            List<String> missing = new ArrayList<>();
            for (AlertKind kind : AlertKind.values()) {
                if (!catalog.covers(kind, language)) {
                    missing.add(kind.name());
                }
            }
            java.util.Locale l = java.util.Locale.forLanguageTag(language.tag());
            rows.add(new Row(language.tag(), l.getDisplayName(locale) + " · " + l.getDisplayName(l),
                    TextDirection.of(language.tag()), missing, texts.getOrDefault(language, Map.of())));
        }
        model.addAttribute("section", "languages");
        model.addAttribute("rows", rows);
        model.addAttribute("keys", NetworkLanguages.KEYS);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new LinkedHashMap<String, String>());
            model.addAttribute("problems", List.of());
        }
        return VIEW;
    }

    @PostMapping("/admin/languages")
    String add(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam Map<String, String> params,
            HttpServletResponse response, Model model, RedirectAttributes redirect, java.util.Locale locale) {
        NetworkId network = new NetworkId(admin.networkId());
        String tag = params.getOrDefault("tag", "");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : NetworkLanguages.KEYS) {
            texts.put(key, params.getOrDefault(field(key), ""));
        }
        List<Map.Entry<String, String>> problems = languages.problems(network, tag, texts).stream()
                .map(p -> Map.entry(p.getKey().equals("tag") ? "tag" : field(p.getKey()), p.getValue())).toList();
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("tag", tag);
            texts.forEach((k, v) -> form.put(field(k), v));
            model.addAttribute("form", form);
            model.addAttribute("problems", problems);
            return list(admin, model, locale);
        }
        Language language = NetworkLanguages.parse(tag).orElseThrow();
        languages.add(network, language, texts, admin.actor());
        redirect.addFlashAttribute("saved", "admin.languages.added");
        return "redirect:/admin/languages";
    }

    /** The form field (and element id) of a text: {@code keyword.HELP} is {@code keyword-HELP}. */
    static String field(String key) {
        return key.replace('.', '-').replace('_', '-');
    }
}
