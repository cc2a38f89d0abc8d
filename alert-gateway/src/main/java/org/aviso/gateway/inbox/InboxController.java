package org.aviso.gateway.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.gateway.console.ActorNames;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.tree.TreeStore;
import org.aviso.gateway.web.TextDirection;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console inbox: what families wrote, and one answer each on the channel they wrote from. */
@Controller
class InboxController {

    static final String VIEW = "console/inbox";

    private final Inbox inbox;
    private final TreeStore tree;
    private final ActorNames actorNames;

    InboxController(Inbox inbox, TreeStore tree, ActorNames actorNames) {
        this.inbox = inbox;
        this.tree = tree;
        this.actorNames = actorNames;
    }

    record Row(UUID id, ActorNames.Actor who, String site, String language, String channel, String text,
            Instant receivedAt, boolean answered, ActorNames.Actor answeredBy, Instant answeredAt) {

        public String dir() {
            return language.isEmpty() ? "auto" : TextDirection.of(language);
        }
    }

    @GetMapping("/console/inbox")
    String inbox(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        ActorNames.Names names = actorNames.of(network);
        Map<UUID, String> sites = tree.sites(network).stream()
                .collect(Collectors.toMap(s -> s.id().value(), s -> s.name(), (a, b) -> a));
        model.addAttribute("items", inbox.recent(network).stream().map(i -> new Row(i.id(),
                names.person(i.person().orElse(null)), i.site().map(sites::get).orElse(""), i.language(),
                i.channel().name(), i.text(), i.receivedAt(), i.answered(),
                i.answeredBy().map(by -> names.actor("user:" + by)).orElse(null), i.answeredAt().orElse(null)))
                .toList());
        model.addAttribute("maxAnswer", Inbox.MAX_ANSWER);
        return VIEW;
    }

    @PostMapping("/console/inbox/{id}/answer")
    String answer(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam(name = "text", required = false) String text, HttpServletResponse response, Model model) {
        try {
            inbox.answer(user, id, text);
        } catch (Inbox.Refused refused) {
            response.setStatus(refused.reason().equals("inbox.error.answered") || refused.reason().equals("inbox.error.gone")
                    ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", refused.reason());
            model.addAttribute("problemFor", id);
            return inbox(user, model);
        }
        return "redirect:/console/inbox?answered=" + id;
    }
}
