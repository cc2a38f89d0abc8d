package org.aviso.gateway.admin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Tier;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.retention.Erasure;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
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

/** The communication tree: groups (tier, kinds, acknowledgement, backup, channel mode) and people. */
@Controller
class TreeAdminController {

    static final String GROUPS_VIEW = "admin/groups";
    static final String GROUP_VIEW = "admin/group";
    static final String PEOPLE_VIEW = "admin/people";
    static final String PERSON_VIEW = "admin/person";

    private final TreeStore tree;
    private final AdminChanges changes;
    private final Erasure erasure;

    TreeAdminController(TreeStore tree, AdminChanges changes, Erasure erasure) {
        this.tree = tree;
        this.changes = changes;
        this.erasure = erasure;
    }

    // ---- groups

    @GetMapping("/admin/groups")
    String groups(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Map<UUID, String> names = new LinkedHashMap<>();
        List<Group> groups = tree.groups(network);
        groups.forEach(g -> names.put(g.id().value(), g.name()));
        Map<UUID, Integer> members = new LinkedHashMap<>();
        groups.forEach(g -> members.put(g.id().value(), tree.members(g.id()).size()));
        model.addAttribute("groups", groups);
        model.addAttribute("groupNames", names);
        model.addAttribute("memberCounts", members);
        model.addAttribute("siteNames", siteNames(network));
        model.addAttribute("section", "groups");
        return GROUPS_VIEW;
    }

    @GetMapping("/admin/groups/new")
    String newGroup(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return showGroup(admin, model, AdminForms.GroupForm.empty(), Map.of());
    }

    @GetMapping("/admin/groups/{id}")
    String editGroup(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id, Model model) {
        Group g = tree.group(new NetworkId(admin.networkId()), new GroupId(id)).orElseThrow(NotInNetworkException::new);
        return showGroup(admin, model, new AdminForms.GroupForm(id, g.name(), g.site().map(SiteId::value).orElse(null),
                g.tier(), g.receives(), g.acknowledgementRequired(), (int) g.acknowledgementTimeout().toMinutes(),
                g.backup().map(GroupId::value).orElse(null), g.mode()), Map.of());
    }

    @PostMapping("/admin/groups")
    String saveGroup(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.GroupForm form, BindingResult binding,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (form == null) {
            form = AdminForms.GroupForm.empty();
        }
        Map<String, String> problems = AdminForms.problems(binding,
                Map.of("acknowledgementMinutes", "admin.group.error.minutes"), form.problems());
        if (problems.isEmpty()) {
            try {
                changes.saveGroup(admin, form);
                redirect.addFlashAttribute("saved", "admin.saved");
                return "redirect:/admin/groups";
            } catch (IllegalArgumentException refusedByTheTree) {
                problems.put("backup", "admin.group.error.tree");
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return showGroup(admin, model, form, problems);
    }

    private String showGroup(AvisoPrincipal admin, Model model, AdminForms.GroupForm form,
            Map<String, String> problems) {
        NetworkId network = new NetworkId(admin.networkId());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("sites", tree.sites(network));
        model.addAttribute("otherGroups", tree.groups(network).stream()
                .filter(g -> !g.id().value().equals(form.id())).toList());
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("kinds", AlertKind.values());
        model.addAttribute("modes", ChannelMode.values());
        model.addAttribute("section", "groups");
        return GROUP_VIEW;
    }

    // ---- people

    /** A person as listed: never the full number, only its last two digits. */
    record PersonRow(UUID id, String name, String label, Set<Role> roles, String language, String site,
            String numberEnd, String signal, boolean optedOut, boolean identityChanged, boolean onCall, int groups) {
    }

    @GetMapping("/admin/people")
    String people(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Map<SiteId, String> sites = siteNames(network);
        Map<PersonId, Integer> groupCounts = new LinkedHashMap<>();
        for (Group group : tree.groups(network)) {
            tree.members(group.id()).forEach(p -> groupCounts.merge(p, 1, Integer::sum));
        }
        List<PersonRow> rows = new ArrayList<>();
        for (PersonDetails p : tree.people(network)) {
            rows.add(new PersonRow(p.person().id().value(), p.name().orElse(""), p.person().label().orElse(""),
                    p.person().roles(), p.person().language().tag(), p.site().map(sites::get).orElse(""),
                    p.person().contact().phone().lastDigits(2), p.person().contact().signal().name(),
                    p.person().contact().smsOptedOut(), p.person().contact().identityChanged(), p.onCall(),
                    groupCounts.getOrDefault(p.person().id(), 0)));
        }
        model.addAttribute("people", rows);
        model.addAttribute("section", "people");
        return PEOPLE_VIEW;
    }

    @GetMapping("/admin/people/new")
    String newPerson(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        return showPerson(admin, model, AdminForms.PersonForm.empty(), null, Map.of());
    }

    @GetMapping("/admin/people/{id}")
    String editPerson(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        PersonDetails p = tree.person(network, new PersonId(id)).orElseThrow(NotInNetworkException::new);
        Set<UUID> groups = new LinkedHashSet<>();
        for (Group group : tree.groups(network)) {
            if (tree.members(group.id()).contains(p.person().id())) {
                groups.add(group.id().value());
            }
        }
        AdminForms.PersonForm form = new AdminForms.PersonForm(id, p.name().orElse(""), p.person().label().orElse(""),
                p.person().language().tag(), p.person().roles(), p.site().map(SiteId::value).orElse(null), "",
                p.onCall(), groups);
        return showPerson(admin, model, form, p, Map.of());
    }

    @PostMapping("/admin/people")
    String savePerson(@AuthenticationPrincipal AvisoPrincipal admin, AdminForms.PersonForm form,
            BindingResult binding, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NetworkId network = new NetworkId(admin.networkId());
        if (form == null) {
            form = AdminForms.PersonForm.empty();
        }
        PersonDetails existing = form.id() == null ? null
                : tree.person(network, new PersonId(form.id())).orElseThrow(NotInNetworkException::new);
        Map<String, String> problems = new LinkedHashMap<>(
                AdminForms.problems(binding, Map.of(), form.problems(languages(network))));
        String typed = form.normalizedPhone();
        if (problems.isEmpty() && !typed.isEmpty() && numberTaken(network, new PhoneNumber(typed), form.id())) {
            problems.put("phone", "admin.person.error.phoneTaken");
        }
        if (problems.isEmpty()) {
            try {
                PersonId id = changes.savePerson(admin, form);
                redirect.addFlashAttribute("saved", "admin.saved");
                return "redirect:/admin/people/" + id.value();
            } catch (DuplicateKeyException savedMeanwhile) {
                problems.put("phone", "admin.person.error.phoneTaken");
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return showPerson(admin, model, form, existing, problems);
    }

    /** Someone else in this network has the number already (found by its blind index). */
    private boolean numberTaken(NetworkId network, PhoneNumber phone, UUID self) {
        return tree.peopleWithPhone(phone).stream().anyMatch(p -> p.person().network().equals(network)
                && !p.person().id().value().equals(self));
    }

    @PostMapping("/admin/people/{id}/remove")
    String removePerson(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NetworkId network = new NetworkId(admin.networkId());
        try {
            erasure.erasePerson(network, new PersonId(id), admin.actor());
            redirect.addFlashAttribute("saved", "admin.remove.person.done");
            return "redirect:/admin/people";
        } catch (Erasure.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            editPerson(admin, id, model);
            model.addAttribute("problems", Map.of("remove", refused.getMessage()));
            return PERSON_VIEW;
        }
    }

    @PostMapping("/admin/groups/{id}/remove")
    String removeGroup(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            erasure.removeGroup(new NetworkId(admin.networkId()), new GroupId(id), admin.actor());
            redirect.addFlashAttribute("saved", "admin.remove.group.done");
            return "redirect:/admin/groups";
        } catch (Erasure.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            editGroup(admin, id, model);
            model.addAttribute("problems", Map.of("remove", refused.getMessage()));
            return GROUP_VIEW;
        }
    }

    private String showPerson(AvisoPrincipal admin, Model model, AdminForms.PersonForm form, PersonDetails existing,
            Map<String, String> problems) {
        NetworkId network = new NetworkId(admin.networkId());
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("problems", problems);
        model.addAttribute("roles", EnumSet.allOf(Role.class));
        model.addAttribute("languages", languages(network));
        model.addAttribute("sites", tree.sites(network));
        model.addAttribute("groups", tree.groups(network));
        model.addAttribute("section", "people");
        return PERSON_VIEW;
    }

    private Set<String> languages(NetworkId network) {
        Set<String> tags = new LinkedHashSet<>();
        tree.network(network).orElseThrow(NotInNetworkException::new).network().languages()
                .forEach((Language l) -> tags.add(l.tag()));
        return tags;
    }

    private Map<SiteId, String> siteNames(NetworkId network) {
        Map<SiteId, String> names = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> names.put(s.id(), s.name()));
        return names;
    }
}
