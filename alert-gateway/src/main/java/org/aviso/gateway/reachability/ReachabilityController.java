package org.aviso.gateway.reachability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.Group;
import org.aviso.gateway.delivery.DirectMessages;
import org.aviso.gateway.notify.SafetyNumbers;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reachability page: counts per site and group, the worklist, re-trust, and a test message to one group. */
@Controller
class ReachabilityController {

    static final String VIEW = "admin/reachability";
    static final String TEST_VIEW = "admin/reachability-test";

    private final Reachability reachability;
    private final DirectMessages direct;
    private final TreeStore tree;
    private final MessageSource messages;

    ReachabilityController(Reachability reachability, DirectMessages direct, TreeStore tree, MessageSource messages) {
        this.reachability = reachability;
        this.direct = direct;
        this.tree = tree;
        this.messages = messages;
    }

    @GetMapping("/admin/reachability")
    String page(@AuthenticationPrincipal AvisoPrincipal admin, Model model) {
        model.addAttribute("overview", reachability.overview(new NetworkId(admin.networkId())));
        model.addAttribute("states", Reachability.State.values());
        model.addAttribute("section", "reachability");
        return VIEW;
    }

    @PostMapping("/admin/reachability/people/{id}/retrust")
    String retrust(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        SafetyNumbers.Outcome outcome = reachability.retrust(new NetworkId(admin.networkId()), new PersonId(id),
                admin.actor());
        switch (outcome) {
            case TRUSTED -> redirect.addFlashAttribute("saved", "reachability.retrusted");
            case REFUSED -> redirect.addFlashAttribute("retrustFailed", "reachability.retrust.refused");
            case UNAVAILABLE -> redirect.addFlashAttribute("retrustFailed", "reachability.retrust.unavailable");
        }
        return "redirect:/admin/reachability";
    }

    @PostMapping("/admin/reachability/groups/{id}/test")
    String test(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        NetworkId network = new NetworkId(admin.networkId());
        Group group = tree.group(network, new GroupId(id)).orElseThrow(NotInNetworkException::new);
        Map<Language, String> texts = Map.of(
                Language.ENGLISH, messages.getMessage("reachability.test.text", new Object[] {group.name()}, Locale.ENGLISH),
                Language.SPANISH, messages.getMessage("reachability.test.text", new Object[] {group.name()},
                        Locale.forLanguageTag("es")));
        Optional<UUID> message = reachability.test(network, group.id(), admin.id(), texts);
        if (message.isEmpty()) {
            redirect.addFlashAttribute("saved", "reachability.test.empty");
            return "redirect:/admin/reachability";
        }
        return "redirect:/admin/reachability/groups/" + id + "/tests/" + message.get();
    }

    /** One line per member the test was written for. */
    record Reached(String who, String maskedNumber, String outcome, String channel) {
    }

    @GetMapping("/admin/reachability/groups/{group}/tests/{message}")
    String testResult(@AuthenticationPrincipal AvisoPrincipal admin, @PathVariable("group") UUID groupId,
            @PathVariable("message") UUID message, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        Group group = tree.group(network, new GroupId(groupId)).orElseThrow(NotInNetworkException::new);
        if (!direct.about(network, "test:" + groupId).contains(message)) {
            throw new NotInNetworkException();
        }
        List<Reached> lines = new ArrayList<>();
        int reached = 0;
        for (DirectMessages.Outcome o : direct.outcomes(message)) {
            Optional<PersonDetails> p = tree.person(network, o.person());
            String outcome = o.arrived() ? "ARRIVED" : o.sent() ? "SENT"
                    : switch (o.state()) {
                        case UNREACHABLE, OPTED_OUT, CANCELLED -> "NOT_REACHED";
                        default -> "WAITING";
                    };
            if (o.sent()) {
                reached++;
            }
            lines.add(new Reached(p.flatMap(d -> d.name().or(() -> d.person().label())).orElse(""),
                    p.map(d -> d.person().contact().phone().masked()).orElse(""), outcome,
                    o.reachedBy().map(Enum::name).orElse("")));
        }
        model.addAttribute("group", group);
        model.addAttribute("message", message);
        model.addAttribute("lines", lines);
        model.addAttribute("reached", reached);
        model.addAttribute("section", "reachability");
        return TEST_VIEW;
    }
}
