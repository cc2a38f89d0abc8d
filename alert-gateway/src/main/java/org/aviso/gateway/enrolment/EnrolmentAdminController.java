package org.aviso.gateway.enrolment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Self-enrolment for administrators: each site's code, family group and approval rule; the requests waiting for
 * approval (masked numbers only); and each site's printable flyer in English and Spanish.
 */
@Controller
class EnrolmentAdminController {

    static final String VIEW = "admin/enrolments";
    static final String FLYER_VIEW = "admin/flyer";

    private final TreeStore tree;
    private final SiteEnrolments sites;
    private final Enrolments enrolments;
    private final AuditLog audit;
    private final String smsNumber;
    private final String signalNumber;

    EnrolmentAdminController(TreeStore tree, SiteEnrolments sites, Enrolments enrolments, AuditLog audit,
            @Value("${aviso.enrolment.sms-number:}") String smsNumber,
            @Value("${aviso.enrolment.signal-number:}") String signalNumber) {
        this.tree = tree;
        this.sites = sites;
        this.enrolments = enrolments;
        this.audit = audit;
        this.smsNumber = smsNumber.strip();
        this.signalNumber = signalNumber.strip();
    }

    /** A site's row on the page. */
    record SiteRow(Site site, String code, UUID familyGroup, boolean requiresApproval, List<Group> familyGroups) {
    }

    @GetMapping("/admin/enrolments")
    String page(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return show(admin, model, Map.of(), Map.of());
    }

    @PostMapping("/admin/enrolments/sites")
    String save(@AuthenticationPrincipal AvisoPrincipal admin, @RequestParam("site") UUID siteId,
            @RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "group", required = false) UUID group,
            @RequestParam(name = "approval", required = false) Boolean approval, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        NetworkId network = new NetworkId(admin.networkId());
        SiteId site = tree.site(network, new SiteId(siteId)).orElseThrow(NotInNetworkException::new).id();
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        Map<String, String> problems = new LinkedHashMap<>();
        if (!normalized.matches("[A-Z0-9]{2,16}")) {
            problems.put("code-" + siteId, "enrolment.admin.error.code");
        } else if (sites.codeTaken(normalized, site)) {
            problems.put("code-" + siteId, "enrolment.admin.error.codeTaken");
        }
        Optional<GroupId> familyGroup = Optional.ofNullable(group).map(GroupId::new);
        if (familyGroup.isPresent() && tree.group(network, familyGroup.get())
                .filter(g -> g.tier() == Tier.FAMILIES && g.site().equals(Optional.of(site))).isEmpty()) {
            problems.put("group-" + siteId, "enrolment.admin.error.group");
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(admin, model, problems, Map.of(siteId.toString(), normalized));
        }
        enrolments.configure(new SiteEnrolments.Setting(site, network, normalized, familyGroup,
                Boolean.TRUE.equals(approval)), admin.actor());
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:/admin/enrolments";
    }

    @PostMapping("/admin/enrolments/{id}/approve")
    String approve(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        enrolments.approve(new NetworkId(admin.networkId()), id, admin.actor());
        redirect.addFlashAttribute("saved", "enrolment.admin.approved");
        return "redirect:/admin/enrolments";
    }

    @PostMapping("/admin/enrolments/{id}/decline")
    String decline(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        enrolments.decline(new NetworkId(admin.networkId()), id, admin.actor());
        redirect.addFlashAttribute("saved", "enrolment.admin.declined");
        return "redirect:/admin/enrolments";
    }

    @GetMapping("/admin/sites/{id}/flyer")
    String flyer(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Site site = tree.site(network, new SiteId(id)).orElseThrow(NotInNetworkException::new);
        Optional<SiteEnrolments.Setting> setting = sites.forSite(network, site.id());
        model.addAttribute("site", site);
        model.addAttribute("code", setting.map(SiteEnrolments.Setting::code).orElse(null));
        model.addAttribute("smsNumber", smsNumber);
        model.addAttribute("signalNumber", signalNumber);
        if (setting.isPresent() && !smsNumber.isEmpty()) {
            String en = "JOIN " + setting.get().code();
            String es = "UNIRME " + setting.get().code();
            model.addAttribute("qrEnglish", Flyer.qrSvg(Flyer.smsLink(smsNumber, en), en));
            model.addAttribute("qrSpanish", Flyer.qrSvg(Flyer.smsLink(smsNumber, es), es));
            model.addAttribute("linkEnglish", Flyer.smsLink(smsNumber, en));
            model.addAttribute("linkSpanish", Flyer.smsLink(smsNumber, es));
        }
        return FLYER_VIEW;
    }

    private String show(AvisoPrincipal admin, Model model, Map<String, String> problems, Map<String, String> typed) {
        NetworkId network = new NetworkId(admin.networkId());
        Map<SiteId, SiteEnrolments.Setting> settings = new LinkedHashMap<>();
        sites.all(network).forEach(s -> settings.put(s.site(), s));
        List<Group> groups = tree.groups(network);
        List<SiteRow> rows = tree.sites(network).stream().map(site -> {
            SiteEnrolments.Setting s = settings.get(site.id());
            String code = typed.getOrDefault(site.id().value().toString(), s == null ? "" : s.code());
            return new SiteRow(site, code, s == null ? null : s.familyGroup().map(GroupId::value).orElse(null),
                    s != null && s.requiresApproval(), groups.stream()
                    .filter(g -> g.tier() == Tier.FAMILIES && g.site().equals(Optional.of(site.id()))).toList());
        }).toList();
        Map<SiteId, String> siteNames = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> siteNames.put(s.id(), s.name()));
        model.addAttribute("rows", rows);
        model.addAttribute("waiting", enrolments.waiting(network));
        model.addAttribute("siteNames", siteNames);
        model.addAttribute("problems", problems);
        model.addAttribute("smsNumber", smsNumber);
        model.addAttribute("section", "enrolments");
        return VIEW;
    }
}
