package org.aviso.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.core.tree.Role;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.PublicUrls;

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
 * Who may act: site contacts' phones (an enrollment code shown once, listed devices, revoke) and the accounts of
 * dispatchers and administrators (passphrase and TOTP secret shown once). Pages that show a secret are never
 * cached and never redirected to, so the secret exists only in that one response.
 */
@Controller
class AccessAdminController {

    static final String DEVICES_VIEW = "admin/devices";
    static final String ACCOUNTS_VIEW = "admin/accounts";

    private final Devices devices;
    private final UserAccounts accounts;
    private final TreeStore tree;
    private final AdminChanges changes;
    private final PublicUrls urls;

    AccessAdminController(Devices devices, UserAccounts accounts, TreeStore tree, AdminChanges changes,
            PublicUrls urls) {
        this.devices = devices;
        this.accounts = accounts;
        this.tree = tree;
        this.changes = changes;
        this.urls = urls;
    }

    @GetMapping("/admin/devices")
    String devices(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return showDevices(admin, model, Map.of());
    }

    @PostMapping("/admin/devices/enrollments")
    String enroll(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.EnrollmentForm form,
            BindingResult binding, HttpServletResponse response, Model model) {
        if (form == null || binding.hasErrors() || form.person() == null || form.site() == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showDevices(admin, model, Map.of("enrollment", "admin.device.error.choose"));
        }
        Devices.Enrollment enrollment = devices.createEnrollment(admin, form.person(), form.site());
        noStore(response);
        model.addAttribute("created", enrollment);
        model.addAttribute("createdCode", enrollment.code().display());
        model.addAttribute("createdLink", urls.path("/enroll#" + enrollment.code().display()));
        model.addAttribute("createdFor", names(new NetworkId(admin.networkId())).get(form.person()));
        return showDevices(admin, model, Map.of());
    }

    @PostMapping("/admin/devices/{id}/revoke")
    String revoke(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        devices.revoke(admin, id);
        redirect.addFlashAttribute("saved", "admin.device.revoked");
        return "redirect:/admin/devices";
    }

    private String showDevices(AvisoPrincipal admin, Model model, Map<String, String> problems) {
        NetworkId network = new NetworkId(admin.networkId());
        Map<UUID, String> sites = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> sites.put(s.id().value(), s.name()));
        model.addAttribute("devices", devices.list(admin.networkId()));
        model.addAttribute("personNames", names(network));
        model.addAttribute("siteNames", sites);
        model.addAttribute("sites", tree.sites(network));
        model.addAttribute("siteContacts", tree.people(network).stream()
                .filter(p -> p.person().hasRole(Role.SITE_CONTACT)).toList());
        model.addAttribute("problems", problems);
        model.addAttribute("section", "devices");
        return DEVICES_VIEW;
    }

    @GetMapping("/admin/accounts")
    String accounts(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return showAccounts(admin, model, new AdminForms.AccountForm("", "DISPATCHER", null), Map.of());
    }

    @PostMapping("/admin/accounts")
    String createAccount(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.AccountForm form,
            BindingResult binding, HttpServletResponse response, Model model) {
        if (form == null) {
            form = new AdminForms.AccountForm("", "DISPATCHER", null);
        }
        Map<String, String> problems = AdminForms.problems(binding, Map.of(), form.problems());
        if (problems.isEmpty()) {
            try {
                UserAccounts.NewAccount account = changes.createAccount(admin, form);
                noStore(response);
                model.addAttribute("created", account);
                return showAccounts(admin, model, new AdminForms.AccountForm("", "DISPATCHER", null), Map.of());
            } catch (IllegalArgumentException taken) {
                problems.put("username", "admin.account.error.taken");
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return showAccounts(admin, model, form, problems);
    }

    private String showAccounts(AvisoPrincipal admin, Model model, AdminForms.AccountForm form,
            Map<String, String> problems) {
        NetworkId network = new NetworkId(admin.networkId());
        model.addAttribute("accounts", accounts.list(admin.networkId()));
        model.addAttribute("personNames", names(network));
        model.addAttribute("dispatchers", tree.people(network).stream()
                .filter(p -> p.person().hasRole(Role.DISPATCHER) || p.person().hasRole(Role.ADMINISTRATOR)).toList());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("roles", List.of("DISPATCHER", "ADMINISTRATOR"));
        model.addAttribute("section", "accounts");
        return ACCOUNTS_VIEW;
    }

    private Map<UUID, String> names(NetworkId network) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (PersonDetails p : tree.people(network)) {
            names.put(p.person().id().value(), p.name().or(() -> p.person().label()).orElse(""));
        }
        return names;
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
