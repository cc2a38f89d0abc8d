package org.aviso.gateway.notify.simulated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.aviso.core.common.Channel;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.context.annotation.Conditional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The demo inbox: every message the simulated channels sent or received, newest first, with the person it went to
 * (masked number, name or label), and a way to answer as that person, to try acknowledgements and VERIFY.
 */
@Controller
@Conditional(SimulatedChannelCondition.Any.class)
class DemoInboxController {

    static final String VIEW = "demo/inbox";

    private final DemoInbox inbox;
    private final SimulatedWorld world;
    private final TreeStore tree;

    DemoInboxController(DemoInbox inbox, SimulatedWorld world, TreeStore tree) {
        this.inbox = inbox;
        this.world = world;
        this.tree = tree;
    }

    /** One line as the page shows it. */
    record Line(long id, UUID personId, String who, String number, String language, Channel channel,
            String direction, String body, String status, java.time.Instant at) {
    }

    @GetMapping("/demo/inbox")
    String inbox(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        Map<UUID, PersonDetails> people = new LinkedHashMap<>();
        tree.people(network).forEach(p -> people.put(p.person().id().value(), p));
        List<Line> lines = inbox.recent(user.networkId(), 300).stream().map(entry -> {
            PersonDetails person = people.get(entry.personId());
            String who = person == null ? "?" : person.name().or(() -> person.person().label()).orElse("?");
            String number = person == null ? "" : person.person().contact().phone().masked();
            String language = person == null ? "" : person.person().language().tag();
            return new Line(entry.id(), entry.personId(), who, number, language, entry.channel(), entry.direction(),
                    entry.body(), entry.status(), entry.at());
        }).toList();
        model.addAttribute("lines", lines);
        return VIEW;
    }

    @PostMapping("/demo/inbox/reply")
    String reply(@AuthenticationPrincipal AvisoPrincipal user, @RequestParam("person") UUID personId,
            @RequestParam("channel") Channel channel, @RequestParam("text") String text, RedirectAttributes redirect) {
        PersonDetails person = tree.person(new NetworkId(user.networkId()), new PersonId(personId))
                .orElseThrow(NotInNetworkException::new);
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 320) {
            redirect.addFlashAttribute("error", "demo.inbox.replyInvalid");
            return "redirect:/demo/inbox";
        }
        PhoneNumber from = person.person().contact().phone();
        Optional<String> answer = world.reply(channel, "demo", from, trimmed);
        redirect.addFlashAttribute("replied", answer.isPresent() ? "demo.inbox.repliedAnswered" : "demo.inbox.replied");
        return "redirect:/demo/inbox";
    }

    /**
     * A phone Aviso does not know texts the network's number over the simulated SMS channel: how to try
     * self-enrolment (JOIN / UNIRME and a site's code) in the demo. Aviso's answer is shown on the page.
     */
    @PostMapping("/demo/inbox/new-phone")
    String newPhone(@RequestParam("number") String number, @RequestParam("text") String text,
            RedirectAttributes redirect) {
        String digits = number == null ? "" : number.strip().replaceAll("[\\s().-]", "");
        String trimmed = text == null ? "" : text.strip();
        if (!digits.matches("\\+[1-9][0-9]{7,14}") || trimmed.isEmpty() || trimmed.length() > 320) {
            redirect.addFlashAttribute("error", "demo.inbox.newPhone.invalid");
            return "redirect:/demo/inbox";
        }
        Optional<String> answer = world.reply(Channel.SMS, "demo", new PhoneNumber(digits), trimmed);
        redirect.addFlashAttribute("newPhoneNumber", digits);
        redirect.addFlashAttribute("newPhoneAnswer", answer.orElse(""));
        return "redirect:/demo/inbox";
    }
}
