package org.aviso.gateway.admin;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.gateway.retention.Erasure;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administration start page with the network's settings (retention, quorum, receipt timeout), and the sites.
 * The paging policy and the templates have their own controllers.
 */
@Controller
class AdminController {

    static final String HOME_VIEW = "admin/index";
    static final String SITES_VIEW = "admin/sites";

    private final TreeStore tree;
    private final AdminChanges changes;
    private final Erasure erasure;

    private final org.aviso.gateway.delivery.SignalQueue signalQueue;

    AdminController(TreeStore tree, AdminChanges changes, Erasure erasure,
            org.aviso.gateway.delivery.SignalQueue signalQueue) {
        this.signalQueue = signalQueue;
        this.tree = tree;
        this.changes = changes;
        this.erasure = erasure;
    }

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkRecord network = network(admin);
        return showHome(model, network, new AdminForms.SettingsForm((int) network.network().retention().toDays(),
                network.network().quorum().familyWide(), network.network().quorum().staffOnly(),
                (int) network.network().receiptTimeout().toSeconds(),
                (int) signalQueue.limit(network.network().id()).toSeconds()), Map.of());
    }

    /** A word or a number too large for a settings box gets that box's own message. */
    private static final Map<String, String> SETTINGS_KEYS = Map.of("retentionDays", "admin.settings.error.retention",
            "quorumFamilyWide", "admin.settings.error.quorumFamilyWide", "quorumStaffOnly",
            "admin.settings.error.quorumStaffOnly", "receiptTimeoutSeconds", "admin.settings.error.receiptTimeout",
            "signalQueueLimitSeconds", "admin.settings.error.signalQueueLimit");

    @PostMapping("/admin/settings")
    String saveSettings(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.SettingsForm form,
            BindingResult binding, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AdminForms.SettingsForm shown = form == null ? new AdminForms.SettingsForm(null, null, null, null, null) : form;
        Map<String, String> problems = AdminForms.problems(binding, SETTINGS_KEYS, shown.problems());
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showHome(model, network(admin), shown, problems);
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
    String saveSite(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.SiteForm form, BindingResult binding,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AdminForms.SiteForm shown = form == null ? new AdminForms.SiteForm(null, "") : form;
        // a site that cannot be named by its id is shown as a problem of its name, the one field the page has
        Map<String, String> problems = new java.util.LinkedHashMap<>(AdminForms.problems(binding,
                Map.of("id", "admin.error.unreadable"), shown.problems()));
        if (problems.remove("id") != null) {
            problems.putIfAbsent("name", "admin.error.unreadable");
        }
        String name = AdminForms.strip(shown.name()).replaceAll("\\s+", " ");
        if (problems.isEmpty() && tree.sites(new NetworkId(admin.networkId())).stream()
                .anyMatch(s -> s.name().strip().replaceAll("\\s+", " ").equalsIgnoreCase(name)
                        && !s.id().value().equals(shown.id()))) {
            problems.put("name", "admin.site.error.duplicate");
        }
        if (problems.isEmpty()) {
            try {
                changes.saveSite(admin, shown);
                redirect.addFlashAttribute("saved", "admin.saved");
                return "redirect:/admin/sites";
            } catch (DuplicateKeyException savedMeanwhile) {
                problems.put("name", "admin.site.error.duplicate");
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return showSites(admin, model, shown, problems);
    }

    @PostMapping("/admin/sites/{id}/remove")
    String removeSite(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") java.util.UUID id,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            erasure.removeSite(new NetworkId(admin.networkId()), new SiteId(id), admin.actor());
            redirect.addFlashAttribute("saved", "admin.remove.site.done");
            return "redirect:/admin/sites";
        } catch (Erasure.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showSites(admin, model, new AdminForms.SiteForm(null, ""), Map.of("remove", refused.getMessage()));
        }
    }

    private String showSites(AvisoPrincipal admin, Model model, AdminForms.SiteForm form,
            Map<String, String> problems) {
        model.addAttribute("sites", tree.sites(new NetworkId(admin.networkId())));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("section", "sites");
        return SITES_VIEW;
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(admin.networkId())).orElseThrow(NotInNetworkException::new);
    }
}
