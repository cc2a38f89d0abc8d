package org.aviso.gateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.render.MessageTemplate;
import org.aviso.core.render.RenderedMessage;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.core.render.TemplateKey;
import org.aviso.core.tree.Site;
import org.aviso.gateway.alert.TemplateRevisions;
import org.aviso.gateway.alert.Templates;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The templates a network sends with, by language, kind and channel: the approved built-in texts, any the network
 * has reworded, and those a language still lacks. An administrator rewords one, adds one for a language the
 * built-in set does not cover, or puts the built-in text back; each change is audited and kept as a history, so an
 * alert already composed keeps the wording its approvers saw.
 */
@Controller
class TemplateAdminController {

    static final String LIST_VIEW = "admin/templates";
    static final String EDIT_VIEW = "admin/template";

    private final TreeStore tree;
    private final Templates templates;
    private final TemplateRevisions revisions;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final PublicUrls urls;
    private final Clock clock;

    TemplateAdminController(TreeStore tree, Templates templates, TemplateRevisions revisions, AuditLog audit,
            TransactionTemplate transactions, PublicUrls urls, Clock clock) {
        this.tree = tree;
        this.templates = templates;
        this.revisions = revisions;
        this.audit = audit;
        this.transactions = transactions;
        this.urls = urls;
        this.clock = clock;
    }

    /** One template as listed; {@code text} is null where the language has none yet (English is sent instead). */
    record TemplateRow(String language, AlertKind kind, Channel channel, String text, boolean own, String sample,
            int segments, String encoding) {
    }

    @GetMapping("/admin/templates")
    String list(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkRecord network = network(admin);
        Instant now = clock.instant();
        TemplateCatalog catalog = templates.catalog(network.network().id(), now);
        Set<TemplateKey> own = revisions.inForce(network.network().id(), now).keySet();
        List<Site> sites = tree.sites(network.network().id());
        List<TemplateRow> rows = new ArrayList<>();
        for (Language language : languages(network)) {
            for (AlertKind kind : AlertKind.values()) {
                for (Channel channel : Channel.values()) {
                    TemplateKey key = new TemplateKey(kind, language, channel);
                    Optional<MessageTemplate> template = catalog.find(key);
                    if (template.isPresent()) {
                        RenderedMessage sample = TemplateWording.sample(catalog, key, network, sites, urls, now);
                        rows.add(new TemplateRow(language.tag(), kind, channel, template.get().text(),
                                own.contains(key), sample.text(), sample.segments().segments(),
                                sample.segments().encoding().name()));
                    } else {
                        rows.add(new TemplateRow(language.tag(), kind, channel, null, false, null, 0, null));
                    }
                }
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("missing", network.network().languages().stream()
                .filter(l -> !catalog.missingFor(l).isEmpty()).map(Language::tag).toList());
        model.addAttribute("section", "templates");
        return LIST_VIEW;
    }

    @GetMapping("/admin/templates/edit")
    String edit(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String language, @RequestParam(required = false) String channel,
            Model model) {
        NetworkRecord network = network(admin);
        TemplateKey key = key(network, kind, language, channel);
        Instant now = clock.instant();
        String text = templates.catalog(network.network().id(), now).find(key).map(MessageTemplate::text).orElse("");
        return showEdit(model, network, key, text, List.of(), now);
    }

    @PostMapping("/admin/templates/save")
    String save(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String language, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String text, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        NetworkRecord network = network(admin);
        TemplateKey key = key(network, kind, language, channel);
        Instant now = clock.instant();
        String wording = TemplateWording.normalise(text);
        NetworkId id = network.network().id();
        List<TemplateWording.Problem> problems = TemplateWording.problems(wording, key, templates.defaults(),
                templates.catalog(id, now), network, tree.sites(id), urls, now);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showEdit(model, network, key, text == null ? "" : text, problems, now);
        }
        // The built-in text saved again is a return to it, so a later change to the defaults reaches this network.
        boolean builtIn = templates.defaults().find(key).map(MessageTemplate::text).filter(wording::equals)
                .isPresent();
        change(admin, key, builtIn ? Optional.empty() : Optional.of(wording), now, builtIn ? "reset" : "saved");
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:" + editUrl(key);
    }

    @PostMapping("/admin/templates/reset")
    String reset(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String language, @RequestParam(required = false) String channel,
            RedirectAttributes redirect) {
        NetworkRecord network = network(admin);
        TemplateKey key = key(network, kind, language, channel);
        Instant now = clock.instant();
        if (revisions.inForce(network.network().id(), now).containsKey(key)) {
            change(admin, key, Optional.empty(), now, "reset");
        }
        redirect.addFlashAttribute("saved", "admin.templates.resetDone");
        return "redirect:" + editUrl(key);
    }

    private void change(AvisoPrincipal admin, TemplateKey key, Optional<String> wording, Instant now, String what) {
        transactions.executeWithoutResult(tx -> {
            revisions.record(new NetworkId(admin.networkId()), key, wording, now, admin.actor());
            // the subject names the template; the details never carry its text
            audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED,
                    "template:" + key.kind() + "/" + key.language().tag() + "/" + key.channel(), what);
        });
    }

    private String showEdit(Model model, NetworkRecord network, TemplateKey key, String text,
            List<TemplateWording.Problem> problems, Instant now) {
        NetworkId id = network.network().id();
        TemplateCatalog current = templates.catalog(id, now);
        model.addAttribute("key", key);
        model.addAttribute("text", text);
        model.addAttribute("problems", problems);
        model.addAttribute("own", revisions.inForce(id, now).containsKey(key));
        model.addAttribute("builtIn", templates.defaults().find(key).map(MessageTemplate::text).orElse(null));
        model.addAttribute("required", templates.defaults().placeholdersCommonTo(key.kind()).stream()
                .map(p -> "{" + p + "}").toList());
        model.addAttribute("known", MessageTemplate.PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
        model.addAttribute("sample", current.find(key).isPresent()
                ? TemplateWording.sample(current, key, network, tree.sites(id), urls, now) : null);
        model.addAttribute("section", "templates");
        return EDIT_VIEW;
    }

    /** The languages a network may have templates in: the built-in ones and those it sends in. */
    private Set<Language> languages(NetworkRecord network) {
        Set<Language> languages = new LinkedHashSet<>(templates.defaults().languages());
        languages.addAll(network.network().languages());
        return languages;
    }

    private TemplateKey key(NetworkRecord network, String kind, String language, String channel) {
        if (kind == null || language == null || channel == null) {
            throw new IllegalArgumentException("a template is named by its kind, language and channel");
        }
        TemplateKey key = new TemplateKey(AlertKind.valueOf(kind), Language.of(language), Channel.valueOf(channel));
        if (!languages(network).contains(key.language())) {
            throw new IllegalArgumentException("the network does not send in that language");
        }
        return key;
    }

    private static String editUrl(TemplateKey key) {
        return UriComponentsBuilder.fromPath("/admin/templates/edit").queryParam("kind", key.kind().name())
                .queryParam("language", key.language().tag()).queryParam("channel", key.channel().name()).build()
                .toUriString();
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(admin.networkId())).orElseThrow(NotInNetworkException::new);
    }
}
