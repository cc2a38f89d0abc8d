package org.aviso.gateway.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.MessageTemplate;
import org.aviso.core.render.RenderRequest;
import org.aviso.core.render.RenderedMessage;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.core.render.TemplateKey;
import org.aviso.gateway.alert.Templates;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administration start page with the network's settings (retention, quorum, receipt timeout), the sites,
 * and a read-only view of the template catalog (editing it comes later). The paging policy has its own controller.
 */
@Controller
class AdminController {

    static final String HOME_VIEW = "admin/index";
    static final String SITES_VIEW = "admin/sites";
    static final String TEMPLATES_VIEW = "admin/templates";

    private final TreeStore tree;
    private final AdminChanges changes;
    private final Templates templates;
    private final PublicUrls urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminController(TreeStore tree, AdminChanges changes, Templates templates, PublicUrls urls, Clock clock) {
        this.tree = tree;
        this.changes = changes;
        this.templates = templates;
        this.urls = urls;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkRecord network = network(admin);
        return showHome(model, network, new AdminForms.SettingsForm((int) network.network().retention().toDays(),
                network.network().quorum().familyWide(), network.network().quorum().staffOnly(),
                (int) network.network().receiptTimeout().toSeconds()), Map.of());
    }

    @PostMapping("/admin/settings")
    String saveSettings(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.SettingsForm form,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showHome(model, network(admin), form, problems);
        }
        changes.saveSettings(admin, form);
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:/admin";
    }

    private String showHome(Model model, NetworkRecord network, AdminForms.SettingsForm form,
            Map<String, String> problems) {
        model.addAttribute("network", network.network());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("section", "home");
        return HOME_VIEW;
    }

    // ---- sites

    @GetMapping("/admin/sites")
    String sites(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return showSites(admin, model, new AdminForms.SiteForm(null, ""), Map.of());
    }

    @PostMapping("/admin/sites")
    String saveSite(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.SiteForm form,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showSites(admin, model, form, problems);
        }
        changes.saveSite(admin, form);
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:/admin/sites";
    }

    private String showSites(AvisoPrincipal admin, Model model, AdminForms.SiteForm form,
            Map<String, String> problems) {
        model.addAttribute("sites", tree.sites(new NetworkId(admin.networkId())));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("section", "sites");
        return SITES_VIEW;
    }

    // ---- read-only: templates

    /** One template as listed: its text with placeholders, and a sample rendering's SMS segment count. */
    record TemplateRow(String language, AlertKind kind, Channel channel, String text, String sample, int segments,
            String encoding) {
    }

    @GetMapping("/admin/templates")
    String templates(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkRecord network = network(admin);
        TemplateCatalog catalog = templates.catalog(network.network().id());
        AlertRenderer renderer = templates.renderer(network.network().id());
        String siteName = tree.sites(network.network().id()).stream().findFirst().map(s -> s.name())
                .orElse(network.network().name());
        Alert original = sample(network, AlertKind.VERIFIED, null);
        List<TemplateRow> rows = new ArrayList<>();
        for (Language language : catalog.languages()) {
            for (AlertKind kind : AlertKind.values()) {
                Alert alert = sample(network, kind, original);
                RenderRequest request = new RenderRequest(alert, siteName, network.network().name(), "",
                        urls.alertCheck(alert.code().value()), network.zone());
                for (Channel channel : Channel.values()) {
                    Optional<MessageTemplate> template = catalog.find(new TemplateKey(kind, language, channel));
                    if (template.isPresent()) {
                        RenderedMessage rendered = renderer.render(request, language, channel);
                        rows.add(new TemplateRow(language.tag(), kind, channel, template.get().text(),
                                rendered.text(), rendered.segments().segments(),
                                rendered.segments().encoding().name()));
                    }
                }
            }
        }
        model.addAttribute("rows", rows);
        model.addAttribute("missing", network.network().languages().stream()
                .filter(l -> !catalog.missingFor(l).isEmpty()).map(Language::tag).toList());
        model.addAttribute("section", "templates");
        return TEMPLATES_VIEW;
    }

    private Alert sample(NetworkRecord network, AlertKind kind, Alert original) {
        PersonId sender = PersonId.random();
        if (kind.isFollowUp()) {
            return Alert.followUp(original, AlertId.random(), kind, sender, clock.instant(),
                    network.network().incidentExpiry(), ShortCode.generate(random));
        }
        return Alert.initial(AlertId.random(), network.network().id(), Optional.empty(), kind, sender,
                clock.instant(), network.network().incidentExpiry(), ShortCode.generate(random));
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(admin.networkId())).orElseThrow(NotInNetworkException::new);
    }
}
