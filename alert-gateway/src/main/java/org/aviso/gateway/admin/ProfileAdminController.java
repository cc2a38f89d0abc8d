package org.aviso.gateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Site;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.TextDirection;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A site's profile, edited by the network's administrator: safety-plan steps, pick-up plan, mutual-aid resources and
 * know-your-rights notes, each in every language of the network. A save that leaves a language without its text is
 * refused with nothing saved; each save is audited (never with the text) and kept as a history.
 */
@Controller
class ProfileAdminController {

    static final String VIEW = "admin/profile";
    /** Empty rows offered below the filled ones, so an administrator adds without a script. */
    static final int SPARE_ROWS = 2;

    private final TreeStore tree;
    private final SiteProfiles profiles;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProfileAdminController(TreeStore tree, SiteProfiles profiles, AuditLog audit, TransactionTemplate transactions,
            Clock clock) {
        this.tree = tree;
        this.profiles = profiles;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @GetMapping("/admin/sites/{site}/profile")
    String show(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("site") UUID siteId,
            @RequestParam(name = "revision", required = false) UUID revision, Model model) {
        NetworkRecord network = network(admin);
        Site site = site(network, siteId);
        SiteProfile profile = revision == null
                ? profiles.inForce(network.network().id(), site.id(), clock.instant())
                : profiles.revision(network.network().id(), site.id(), revision)
                        .orElseThrow(NotInNetworkException::new);
        model.addAttribute("viewingRevision", revision);
        return show(model, network, site, profile, List.of());
    }

    @PostMapping("/admin/sites/{site}/profile")
    String save(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("site") UUID siteId,
            @RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        NetworkRecord network = network(admin);
        Site site = site(network, siteId);
        List<Language> languages = network.network().languages();
        SiteProfile profile = parse(form, languages);
        List<SiteProfile.Problem> problems = profile.problems(languages);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model, network, site, profile, problems);
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            profiles.save(network.network().id(), site.id(), profile, now, admin.actor());
            audit.record(admin.networkId(), admin.actor(), AuditAction.SETTINGS_CHANGED,
                    "site-profile:" + site.id().value(), "steps=" + profile.steps().size() + " resources="
                            + profile.resources().size());
        });
        redirect.addFlashAttribute("saved", "admin.saved");
        return "redirect:/admin/sites/" + site.id().value() + "/profile";
    }

    private String show(Model model, NetworkRecord network, Site site, SiteProfile profile,
            List<SiteProfile.Problem> problems) {
        model.addAttribute("site", site);
        List<String> tags = network.network().languages().stream().map(Language::tag).toList();
        model.addAttribute("languages", tags);
        Map<String, String> dirs = new LinkedHashMap<>();
        tags.forEach(tag -> dirs.put(tag, TextDirection.of(tag)));
        model.addAttribute("dirs", dirs);
        model.addAttribute("steps", withSpares(profile.steps(), new SiteProfile.Step(Map.of(), Map.of())));
        model.addAttribute("resources", withSpares(profile.resources(),
                new SiteProfile.Resource(null, Map.of(), "", Map.of(), List.of())));
        model.addAttribute("pickUp", profile.pickUp());
        model.addAttribute("rights", profile.rights());
        model.addAttribute("kinds", SiteProfile.Kind.values());
        model.addAttribute("problems", problems);
        Map<String, SiteProfile.Problem> byField = new LinkedHashMap<>();
        problems.forEach(p -> byField.putIfAbsent(p.field(), p));
        model.addAttribute("fieldProblems", byField);
        model.addAttribute("history", profiles.history(network.network().id(), site.id()));
        model.addAttribute("maxShort", SiteProfile.MAX_SHORT);
        model.addAttribute("section", "sites");
        return VIEW;
    }

    private static <T> List<T> withSpares(List<T> filled, T spare) {
        List<T> rows = new ArrayList<>(filled);
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add(spare);
        }
        return rows;
    }

    /** Reads the form; rows left wholly empty are dropped, so the spare rows cost nothing. */
    static SiteProfile parse(MultiValueMap<String, String> form, List<Language> languages) {
        List<SiteProfile.Step> steps = new ArrayList<>();
        for (int i = 0; i < SiteProfile.MAX_STEPS + SPARE_ROWS + 10; i++) {
            Map<String, String> text = texts(form, "step-" + i + "-", languages);
            Map<String, String> shortText = texts(form, "short-" + i + "-", languages);
            if (!text.isEmpty() || !shortText.isEmpty()) {
                steps.add(new SiteProfile.Step(text, shortText));
            }
        }
        List<SiteProfile.Resource> resources = new ArrayList<>();
        for (int i = 0; i < SiteProfile.MAX_RESOURCES + SPARE_ROWS + 10; i++) {
            String prefix = "res-" + i + "-";
            Map<String, String> name = texts(form, prefix + "name-", languages);
            Map<String, String> hours = texts(form, prefix + "hours-", languages);
            String reach = value(form, prefix + "reach");
            String kindText = value(form, prefix + "kind");
            String spokenText = value(form, prefix + "spoken");
            if (name.isEmpty() && hours.isEmpty() && reach.isEmpty() && spokenText.isEmpty()) {
                continue; // a kind alone is the select's default on a spare row
            }
            SiteProfile.Kind kind = Arrays.stream(SiteProfile.Kind.values())
                    .filter(k -> k.name().equals(kindText)).findFirst().orElse(null);
            List<String> spoken = Arrays.stream(spokenText.split("[,\\s]+")).filter(s -> !s.isBlank())
                    .map(s -> s.toLowerCase(Locale.ROOT)).limit(10).toList();
            resources.add(new SiteProfile.Resource(kind, name, reach, hours, spoken));
        }
        return new SiteProfile(steps, texts(form, "pickup-", languages), resources, texts(form, "rights-", languages));
    }

    private static Map<String, String> texts(MultiValueMap<String, String> form, String prefix,
            List<Language> languages) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Language language : languages) {
            String value = value(form, prefix + language.tag());
            if (!value.isEmpty()) {
                texts.put(language.tag(), value);
            }
        }
        return texts;
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.replace("\r\n", "\n").strip();
    }

    private Site site(NetworkRecord network, UUID id) {
        return tree.site(network.network().id(), new SiteId(id)).orElseThrow(NotInNetworkException::new);
    }

    private NetworkRecord network(AvisoPrincipal admin) {
        return tree.network(new NetworkId(admin.networkId())).orElseThrow(NotInNetworkException::new);
    }
}
