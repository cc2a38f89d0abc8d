package org.aviso.gateway.help;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.AlertId;
import org.aviso.core.common.NetworkId;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The console's help requests (open until a dispatcher takes one) and each alert's check-in view: who answered OK,
 * who asked for help, who has not answered, by site and group.
 */
@Controller
class HelpController {

    static final String VIEW = "console/help";
    static final String CHECK_IN_VIEW = "console/check-in";

    private final HelpRequests requests;
    private final CheckIns checkIns;
    private final AlertStore alerts;
    private final TreeStore tree;

    HelpController(HelpRequests requests, CheckIns checkIns, AlertStore alerts, TreeStore tree) {
        this.requests = requests;
        this.checkIns = checkIns;
        this.alerts = alerts;
        this.tree = tree;
    }

    /** A help request as a row: names instead of ids. */
    record Row(UUID id, UUID alertId, String alertCode, String site, String group, String language, String channel,
            java.time.Instant openedAt, int paged, boolean taken) {
    }

    @GetMapping("/console/help")
    String open(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        model.addAttribute("requests", rows(network, requests.open(network)));
        return VIEW;
    }

    @PostMapping("/console/help/{id}/take")
    String take(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            HttpServletResponse response, Model model) {
        if (!requests.take(user, id)) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", "help.console.error.taken");
            return open(user, model);
        }
        return "redirect:/console/help";
    }

    @GetMapping("/console/alerts/{id}/check-in")
    String checkIn(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        AlertStore.StoredAlert alert = alerts.find(network, new AlertId(id)).orElseThrow(NotInNetworkException::new);
        Map<UUID, String> sites = sites(network);
        Map<UUID, String> groups = groups(network);
        List<CheckIns.Line> lines = checkIns.of(network, alert.alert().id());
        model.addAttribute("alert", alert);
        model.addAttribute("code", alert.alert().code().display());
        model.addAttribute("lines", lines.stream().map(l -> new CheckInRow(
                l.site().map(sites::get).orElse(""), l.group().map(groups::get).orElse(""), l.ok(), l.help(),
                l.noAnswer())).toList());
        model.addAttribute("total", CheckIns.total(lines));
        model.addAttribute("requests", rows(network, requests.forAlert(network, alert.alert().id())));
        return CHECK_IN_VIEW;
    }

    record CheckInRow(String site, String group, long ok, long help, long noAnswer) {
    }

    private List<Row> rows(NetworkId network, List<HelpRequests.Request> list) {
        Map<UUID, String> sites = sites(network);
        Map<UUID, String> groups = groups(network);
        return list.stream().map(r -> new Row(r.id(), r.alertId(), r.alertCode(),
                r.site().map(sites::get).orElse(""), r.group().map(groups::get).orElse(""), r.language(),
                r.channel().name(), r.openedAt(), r.paged(), r.takenAt().isPresent())).toList();
    }

    private Map<UUID, String> sites(NetworkId network) {
        return tree.sites(network).stream().collect(Collectors.toMap(s -> s.id().value(), s -> s.name(), (a, b) -> a));
    }

    private Map<UUID, String> groups(NetworkId network) {
        return tree.groups(network).stream()
                .collect(Collectors.toMap(g -> g.id().value(), g -> g.name(), (a, b) -> a));
    }
}
