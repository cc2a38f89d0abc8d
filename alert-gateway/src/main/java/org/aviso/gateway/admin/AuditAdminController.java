package org.aviso.gateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.console.ActorNames;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit page (issue 14): who did what and when in this network, newest first, narrowed by action, account and
 * dates (in the network's time zone), with the state of the whole chain: intact up to the last signed checkpoint,
 * or where it breaks. A filter that cannot be read is answered 400 with the reason by the field, and no list.
 */
@Controller
class AuditAdminController {

    static final String VIEW = "admin/audit";
    static final int LIMIT = 200;

    private final AuditLog audit;
    private final UserAccounts accounts;
    private final ActorNames actorNames;
    private final TreeStore tree;

    AuditAdminController(AuditLog audit, UserAccounts accounts, ActorNames actorNames, TreeStore tree) {
        this.audit = audit;
        this.accounts = accounts;
        this.actorNames = actorNames;
        this.tree = tree;
    }

    /** One line of the page. */
    record Row(long seq, Instant at, ActorNames.Actor who, AuditAction action, String subject, String details) {
    }

    @GetMapping("/admin/audit")
    String audit(@AuthenticationPrincipal AvisoPrincipal admin,
            @RequestParam(name = "action", required = false, defaultValue = "") String action,
            @RequestParam(name = "actor", required = false, defaultValue = "") String actor,
            @RequestParam(name = "from", required = false, defaultValue = "") String from,
            @RequestParam(name = "to", required = false, defaultValue = "") String to,
            HttpServletResponse response, Model model) {
        NetworkId network = new NetworkId(admin.networkId());
        ZoneId zone = tree.network(network).map(NetworkRecord::zone).orElse(ZoneId.of("UTC"));
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> people = new LinkedHashMap<>();
        accounts.list(admin.networkId()).forEach(a -> people.put("user:" + a.id(), a.username()));

        AuditAction chosenAction = null;
        if (!action.isBlank()) {
            chosenAction = Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action)).findFirst()
                    .orElse(null);
            if (chosenAction == null) {
                problems.put("action", "admin.audit.error.action");
            }
        }
        String chosenActor = actor.isBlank() ? null : actor;
        if (chosenActor != null && !people.containsKey(chosenActor) && !"system".equals(chosenActor)) {
            problems.put("actor", "admin.audit.error.actor");
        }
        LocalDate fromDate = date(from, "from", problems);
        LocalDate toDate = date(to, "to", problems);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            problems.put("to", "admin.audit.error.order");
        }

        List<Row> rows = List.of();
        if (problems.isEmpty()) {
            ActorNames.Names names = actorNames.of(network);
            Instant start = fromDate == null ? null : fromDate.atStartOfDay(zone).toInstant();
            Instant end = toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant();
            rows = audit.search(admin.networkId(), chosenAction, chosenActor, start, end, LIMIT).stream()
                    .map(e -> row(e, names)).toList();
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("limit", LIMIT);
        model.addAttribute("chain", audit.verifyChain());
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("people", people);
        model.addAttribute("form", Map.of("action", action, "actor", actor, "from", from, "to", to));
        model.addAttribute("problems", problems);
        model.addAttribute("section", "audit");
        return VIEW;
    }

    private static Row row(AuditEntry e, ActorNames.Names names) {
        return new Row(e.seq(), e.at(), names.actor(e.actor()), e.action(), e.subject(), e.details());
    }

    private static LocalDate date(String value, String field, Map<String, String> problems) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.put(field, "admin.audit.error.date");
            return null;
        }
    }

}
