package org.aviso.gateway.admin;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.gateway.page.PagePolicies;
import org.aviso.gateway.page.PagePolicyStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a new report pages the network's dispatchers: the network's own policy, edited tier by tier, or the built-in
 * default. A change applies to the reports that arrive after it; a page under way keeps its frozen policy.
 */
@Controller
class PolicyAdminController {

    static final String POLICIES_VIEW = "admin/policies";

    private static final List<String> CHANNEL_CHOICES = List.of(ChannelPolicy.SIGNAL_THEN_SMS.name(),
            ChannelPolicy.SIGNAL_AND_SMS.name(), ChannelPolicy.SMS_ONLY.name());

    private final TreeStore tree;
    private final PagePolicyStore policies;
    private final AdminChanges changes;

    PolicyAdminController(TreeStore tree, PagePolicyStore policies, AdminChanges changes) {
        this.tree = tree;
        this.policies = policies;
        this.changes = changes;
    }

    /**
     * One tier as the form shows it.
     *
     * @param field   the prefix of its form fields ({@code onCall} for {@code onCallChannels}, ...)
     * @param target  the policy's name for it, which also names its messages
     * @param choices the channel choices offered; the on-call dispatchers cannot be left out
     */
    record TierField(String field, String target, String channels, String waitMinutes, List<String> choices) {
    }

    @GetMapping("/admin/policies")
    String policies(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkId network = network(admin).network().id();
        return show(admin, model, AdminForms.PolicyForm.of(policies.inForce(network)), Map.of());
    }

    @PostMapping("/admin/policies")
    String savePolicy(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.PolicyForm form,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(admin, model, form, problems);
        }
        changes.savePagePolicy(admin, form.toPaging());
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:/admin/policies";
    }

    @PostMapping("/admin/policies/reset")
    String resetPolicy(@AuthenticationPrincipal AvisoPrincipal admin, RedirectAttributes redirect) {
        changes.resetPagePolicy(admin);
        redirect.addFlashAttribute("saved", "admin.policies.resetDone");
        return "redirect:/admin/policies";
    }

    private String show(AvisoPrincipal admin, Model model, AdminForms.PolicyForm form, Map<String, String> problems) {
        NetworkRecord network = network(admin);
        model.addAttribute("tiers", tiers(form));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("savedAt", policies.saved(network.network().id())
                .map(saved -> ZonedDateTime.ofInstant(saved.changedAt(), network.zone())).orElse(null));
        model.addAttribute("defaultTiers", tiers(AdminForms.PolicyForm.of(PagePolicies.NEW_REPORT_DEFAULT)));
        model.addAttribute("defaultPolicy", PagePolicies.NEW_REPORT_DEFAULT);
        model.addAttribute("section", "policies");
        return POLICIES_VIEW;
    }

    private static List<TierField> tiers(AdminForms.PolicyForm form) {
        List<String> optional = new ArrayList<>(CHANNEL_CHOICES);
        optional.add(AdminForms.PolicyForm.NOT_PAGED);
        return List.of(
                new TierField("onCall", PagePolicies.ON_CALL, form.onCallChannels(), form.onCallWaitMinutes(),
                        CHANNEL_CHOICES),
                new TierField("backups", PagePolicies.BACKUPS, form.backupsChannels(), form.backupsWaitMinutes(),
                        optional),
                new TierField("coordinators", PagePolicies.COORDINATORS, form.coordinatorsChannels(),
                        form.coordinatorsWaitMinutes(), optional));
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(admin.networkId())).orElseThrow(NotInNetworkException::new);
    }
}
