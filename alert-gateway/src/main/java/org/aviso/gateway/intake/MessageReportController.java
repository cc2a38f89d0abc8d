package org.aviso.gateway.intake;

import java.time.ZoneId;
import java.util.UUID;
import jakarta.servlet.http.HttpServletResponse;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Report;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The lower-trust queue on the console: messages from unknown numbers, to promote into an incident or dismiss. */
@Controller
class MessageReportController {

    static final String VIEW = "console/message-reports";

    private final MessageReports messageReports;
    private final TreeStore tree;

    MessageReportController(MessageReports messageReports, TreeStore tree) {
        this.messageReports = messageReports;
        this.tree = tree;
    }

    @GetMapping("/console/message-reports")
    String queue(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        ZoneId zone = tree.network(network).map(NetworkRecord::zone).orElse(java.time.ZoneOffset.UTC);
        model.addAttribute("messages", messageReports.waiting(user).stream()
                .map(m -> new Row(m.id(), m.code().display(), m.channel().name(), m.text(), m.receivedAt().atZone(zone)))
                .toList());
        model.addAttribute("sites", tree.sites(network));
        return VIEW;
    }

    record Row(UUID id, String code, String channel, String text, java.time.ZonedDateTime receivedAt) {
    }

    @PostMapping("/console/message-reports/{id}/promote")
    String promote(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam(name = "site", required = false) UUID site, HttpServletResponse response, Model model) {
        if (site == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", "intake.console.error.site");
            return queue(user, model);
        }
        Report report = messageReports.promote(user, id, new SiteId(site));
        return "redirect:/console/reports/" + report.id().value();
    }

    @PostMapping("/console/message-reports/{id}/dismiss")
    String dismiss(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id) {
        messageReports.dismiss(user, id);
        return "redirect:/console/message-reports";
    }
}
