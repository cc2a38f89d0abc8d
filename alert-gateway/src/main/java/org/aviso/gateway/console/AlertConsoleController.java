package org.aviso.gateway.console;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.common.Language;
import org.aviso.core.render.RenderRequest;
import org.aviso.gateway.alert.ChosenSteps;
import org.aviso.gateway.alert.LanguagePlan;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryReports;
import org.aviso.gateway.report.IncidentSettings;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Alerts on the console: compose from the approved templates (preview in every language with SMS segments,
 * recipients by tier and channel), the second approval the quorum asks for, the live delivery view, and
 * UPDATE / ALL_CLEAR / FALSE_ALARM to the same recipients (a button, then a confirmation step).
 */
@Controller
class AlertConsoleController {

    static final String COMPOSE_VIEW = "console/compose";
    static final String ALERT_VIEW = "console/alert";
    static final String FOLLOW_UP_VIEW = "console/follow-up";
    /** What the delivery view counts: people by state, messages by status (the tables' CHECK lists, lower case). */
    /** One per person, adding up to the audience (see delivery.RecipientOutcome); "fell back" is shown apart. */
    static final List<String> DELIVERY_STATES = List.of("queued", "sent", "delivered", "read", "acknowledged",
            "unreachable", "opted_out", "outcome_unknown", "cancelled");
    static final List<String> MESSAGE_STATUSES = List.of("queued", "sending", "sent", "delivered", "read", "failed",
            "unknown", "cancelled");

    private final AlertService alertService;
    private final AlertStore alerts;
    private final ReportStore reports;
    private final TreeStore tree;
    private final DeliveryReports deliveries;
    private final ComposerPreview preview;
    private final ActorNames actorNames;
    private final Timeline timeline;
    private final IncidentSettings incidentSettings;
    private final org.aviso.gateway.delivery.SignalQueue signalQueue;
    private final SiteProfiles profiles;
    private final java.time.Clock clock;

    AlertConsoleController(AlertService alertService, AlertStore alerts, ReportStore reports, TreeStore tree,
            DeliveryReports deliveries, ComposerPreview preview, ActorNames actorNames, Timeline timeline,
            IncidentSettings incidentSettings, SiteProfiles profiles, java.time.Clock clock,
            org.aviso.gateway.delivery.SignalQueue signalQueue) {
        this.signalQueue = signalQueue;
        this.incidentSettings = incidentSettings;
        this.profiles = profiles;
        this.clock = clock;
        this.alertService = alertService;
        this.alerts = alerts;
        this.reports = reports;
        this.tree = tree;
        this.deliveries = deliveries;
        this.preview = preview;
        this.actorNames = actorNames;
        this.timeline = timeline;
    }

    // ---- composing

    @GetMapping("/console/alerts/new")
    String composer(@AuthenticationPrincipal AvisoPrincipal user,
            @RequestParam(name = "report", required = false) UUID reportId, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        ComposeForm form = new ComposeForm();
        Optional<ReportStore.StoredReport> report = Optional.ofNullable(reportId)
                .map(id -> reports.find(network, new ReportId(id)).orElseThrow(NotInNetworkException::new));
        report.ifPresent(r -> {
            form.setReport(r.report().id().value());
            form.setSite(r.report().site().value());
            if (r.report().status() == ReportStatus.VERIFIED) {
                form.setKind(AlertKind.VERIFIED);
            }
        });
        // the network's own groups, and the reported site's, are where most alerts go: start with them ticked
        Set<UUID> preselected = new LinkedHashSet<>();
        for (Group group : tree.groups(network)) {
            if (group.site().isEmpty() || group.site().map(s -> s.value().equals(form.getSite())).orElse(false)) {
                preselected.add(group.id().value());
            }
        }
        form.setGroups(preselected);
        return showComposer(user, model, form, Map.of(), false);
    }

    @PostMapping("/console/alerts")
    String compose(@AuthenticationPrincipal AvisoPrincipal user, @ModelAttribute("form") ComposeForm form,
            BindingResult binding, @RequestParam(name = "action", defaultValue = "preview") String action,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NetworkId network = new NetworkId(user.networkId());
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        binding.getFieldErrors().forEach(e -> problems.putIfAbsent(e.getField(), "console.compose.error.invalid"));
        Set<GroupId> groups = preview.ownGroups(network, form.getGroups());
        Optional<SiteId> site = Optional.ofNullable(form.getSite()).map(SiteId::new);
        site.ifPresent(s -> tree.site(network, s).orElseThrow(NotInNetworkException::new));
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showComposer(user, model, form, problems, false);
        }
        // a forged or stale language plan (a language the network lacks, the text of a language nobody wrote in)
        try {
            LanguagePlan.of(knownLanguages(network, form.getKind(), groups), form.getTexts(), form.getChoices());
        } catch (LanguagePlan.Invalid invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showComposer(user, model, form, planProblem(invalid), false);
        }
        if (!"send".equals(action)) {
            return showComposer(user, model, form, problems, true);
        }
        AlertService.Outcome outcome;
        try {
            outcome = alertService.compose(user, new AlertService.Composition(form.getKind(),
                    Optional.ofNullable(form.getReport()).map(ReportId::new), site, groups,
                    form.normalizedInstructions(), form.getSteps(), form.getTexts(), form.getChoices()));
        } catch (LanguagePlan.ChoiceNeeded needed) {
            // readers of these languages lack the dispatcher's words: they choose what those readers get, or write
            Map<String, String> choose = new LinkedHashMap<>();
            needed.languages().forEach(tag -> choose.put("choice-" + tag, "console.compose.error.choiceNeeded"));
            response.setStatus(HttpStatus.CONFLICT.value());
            return showComposer(user, model, form, choose, true);
        } catch (LanguagePlan.Invalid invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showComposer(user, model, form, planProblem(invalid), false);
        }
        if (outcome instanceof AlertService.Outcome.Refused) {
            AlertService.Outcome.Refused refused = (AlertService.Outcome.Refused) outcome;
            response.setStatus(HttpStatus.CONFLICT.value());
            return showComposer(user, model, form, Map.of("form", "console.refused." + refused.reason()), true);
        }
        return afterSending(outcome, redirect);
    }

    /** The languages an alert to these groups may carry text for: the network's, and any its audience speaks. */
    private Set<Language> knownLanguages(NetworkId network, AlertKind kind, Set<GroupId> groups) {
        Set<Language> known = new LinkedHashSet<>(tree.network(network).orElseThrow(NotInNetworkException::new)
                .network().languages());
        known.addAll(audienceLanguages(network, kind, groups));
        return known;
    }

    private Set<Language> audienceLanguages(NetworkId network, AlertKind kind, Set<GroupId> groups) {
        Set<Language> spoken = new LinkedHashSet<>();
        if (kind == null || groups.isEmpty() || !ComposeForm.COMPOSABLE.contains(kind)) {
            return spoken;
        }
        org.aviso.core.alert.Audience audience = tree.tree(network).audienceFor(kind, groups);
        audience.recipients().forEach(r -> spoken.add(r.language()));
        audience.backups().values().forEach(members -> members.forEach(r -> spoken.add(r.language())));
        return spoken;
    }

    /** A plan the composer could not have sent, by the field it is about (or the form, for an unknown language). */
    private static Map<String, String> planProblem(LanguagePlan.Invalid invalid) {
        return switch (invalid.problem()) {
            case TEXT_TOO_LONG -> Map.of("text-" + invalid.language(), "console.compose.error.textTooLong");
            case SOURCE_WITHOUT_TEXT -> Map.of("choices", "console.compose.error.sourceWithoutText");
            case UNKNOWN_CHOICE -> Map.of("choices", "console.compose.error.unknownChoice");
            case TWO_KINDS_OF_TEXT -> Map.of("instructions", "console.compose.error.twoKindsOfText");
            case UNKNOWN_LANGUAGE -> Map.of("choices", "console.compose.error.unknownLanguage");
        };
    }

    private String showComposer(AvisoPrincipal user, Model model, ComposeForm form, Map<String, String> problems,
            boolean withPreview) {
        NetworkId network = new NetworkId(user.networkId());
        NetworkRecord record = tree.network(network).orElseThrow(NotInNetworkException::new);
        Map<SiteId, String> sites = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> sites.put(s.id(), s.name()));
        List<GroupOption> options = new ArrayList<>();
        for (Group group : tree.groups(network)) {
            options.add(new GroupOption(group.id().value(), group.name(),
                    group.site().map(sites::get).orElse(null), group.tier(), group.receives(),
                    form.getKind() != null && group.receives(form.getKind()), tree.members(group.id()).size(),
                    form.getGroups().contains(group.id().value())));
        }
        options.sort(java.util.Comparator.comparing((GroupOption o) -> o.site() == null ? "" : o.site())
                .thenComparing(o -> o.tier().priority()));
        model.addAttribute("form", form);
        model.addAttribute("kinds", ComposeForm.COMPOSABLE);
        model.addAttribute("groupOptions", options);
        model.addAttribute("sites", tree.sites(network));
        model.addAttribute("problems", problems);
        model.addAttribute("maxInstructions", RenderRequest.MAX_INSTRUCTIONS);
        // a box per language of the network, and for each language without text while another has some, a choice
        ComposerLanguages languages = new ComposerLanguages(
                org.springframework.context.i18n.LocaleContextHolder.getLocale(), record.network().languages());
        Set<Language> audienceLanguages = audienceLanguages(network, form.getKind(),
                preview.ownGroups(network, form.getGroups()));
        model.addAttribute("languageBoxes", languages.boxes(form.getTexts()));
        model.addAttribute("choiceRows", languages.choices(form.getTexts(), form.getChoices(), audienceLanguages));
        model.addAttribute("languageNames", languages.names(audienceLanguages));
        // the site's safety-plan steps to pick from, shown in the dispatcher's language (sent in each family's)
        Optional<SiteId> chosenSite = Optional.ofNullable(form.getSite()).map(SiteId::new);
        SiteProfile profile = chosenSite.map(s -> profiles.inForce(network, s, clock.instant()))
                .orElse(SiteProfile.empty());
        Language viewer = Language.of(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("siteSteps", profile.steps().stream().map(s -> s.text(viewer).isBlank()
                ? s.text(Language.ENGLISH) : s.text(viewer)).toList());
        Optional.ofNullable(form.getReport()).flatMap(id -> reports.find(network, new ReportId(id)))
                .ifPresent(r -> model.addAttribute("report", r.report()));
        model.addAttribute("asksApproval", false);
        if (withPreview && form.getKind() != null && ComposeForm.COMPOSABLE.contains(form.getKind())) {
            Set<GroupId> groups = preview.ownGroups(network, form.getGroups());
            model.addAttribute("asksApproval", form.getKind() != AlertKind.ADVISORY && record.network().quorum()
                    .needed(tree.tree(network).audienceFor(form.getKind(), groups).scope()) > 1);
            ChosenSteps steps = chosenSite.isEmpty() || form.getSteps().isEmpty() ? ChosenSteps.none()
                    : ChosenSteps.pick(profile, form.getSteps().stream()
                            .filter(i -> i >= 0 && i < profile.steps().size()).toList(),
                            record.network().languages());
            LanguagePlan plan;
            try {
                plan = LanguagePlan.of(knownLanguages(network, form.getKind(), groups), form.getTexts(),
                        form.getChoices());
            } catch (LanguagePlan.Invalid invalid) {
                plan = LanguagePlan.none(); // refused with a 400 before: the preview shows no free text
            }
            ComposerPreview.Preview shown = preview.compose(user, record, form.getKind(), chosenSite, groups,
                    form.normalizedInstructions(), steps, plan);
            model.addAttribute("preview", shown);
            model.addAttribute("signalQueue", signalQueue.estimate(network,
                    shown.counts().byChannel().getOrDefault(org.aviso.core.common.Channel.SIGNAL, 0)));
        }
        return COMPOSE_VIEW;
    }

    /** A group as a checkbox: its site, tier and whether it receives the chosen kind at all. */
    record GroupOption(UUID id, String name, String site, Tier tier, Set<AlertKind> receives, boolean receivesKind,
            int members, boolean checked) {
    }

    // ---- approving and following an alert

    @GetMapping("/console/alerts/{id}")
    String alert(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        NetworkRecord record = tree.network(network).orElseThrow(NotInNetworkException::new);
        AlertStore.StoredAlert stored = alerts.find(network, new AlertId(id)).orElseThrow(NotInNetworkException::new);
        ZoneId zone = record.zone();
        ActorNames.Names names = actorNames.of(network);
        Map<SiteId, String> sites = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> sites.put(s.id(), s.name()));
        AlertView view = AlertView.of(stored, alerts.approvals(stored.alert().id()), sites, names, user, zone);
        model.addAttribute("alert", view);
        if (!stored.plan().isEmpty()) {
            // the dispatcher's words in each language, and what was chosen for languages without them
            model.addAttribute("languagePlan", new ComposerLanguages(
                    org.springframework.context.i18n.LocaleContextHolder.getLocale(), record.network().languages())
                    .plan(stored.plan()));
        }
        alerts.rejection(stored.alert().id()).ifPresent(r -> model.addAttribute("rejection",
                new RejectionView(names.person(r.by().value()), r.reason(), r.at().atZone(zone))));
        if (stored.status() == AlertStore.Status.AWAITING_APPROVAL && stored.alert().refersTo().isPresent()) {
            // a follow-up waiting for approval goes to exactly whom the alert it follows reached, not to its groups
            AlertStore.StoredAlert followed = alerts.find(network, stored.alert().refersTo().get())
                    .orElseThrow(NotInNetworkException::new);
            model.addAttribute("preview", preview.existingFollowUp(record, stored.alert(), stored.site(),
                    reached(network, followed), stored.instructions()));
        } else if (stored.status() == AlertStore.Status.AWAITING_APPROVAL) {
            model.addAttribute("preview", preview.existing(record, stored.alert(), stored.site(), stored.groups(),
                    stored.instructions(), stored.steps(), stored.plan()));
        } else if (stored.status() != AlertStore.Status.REJECTED && stored.status() != AlertStore.Status.WITHDRAWN) {
            model.addAttribute("messages", alerts.messages(stored.alert().id()));
            model.addAttribute("delivery", deliveries.report(network, stored.alert().id()));
            model.addAttribute("deliveryStates", DELIVERY_STATES);
            // the delivery view's "updated" time is written by its script: in the network's zone, as web.Times does
            model.addAttribute("networkZone", zone.getId());
            model.addAttribute("messageStatuses", MESSAGE_STATUSES);
            model.addAttribute("channels", List.of("SIGNAL", "SMS"));
        }
        AlertStore.StoredAlert root = stored.alert().refersTo().flatMap(r -> alerts.find(network, r)).orElse(stored);
        List<AlertStore.StoredAlert> followUps = alerts.followUpsOf(root.alert().id());
        boolean closed = followUps.stream().anyMatch(f -> f.alert().kind().isClosing()
                && f.status() == AlertStore.Status.SENT);
        model.addAttribute("root", root == stored ? null : AlertView.of(root, List.of(), sites, names, user, zone));
        model.addAttribute("followUps", followUps.stream()
                .map(f -> AlertView.of(f, List.of(), sites, names, user, zone)).toList());
        model.addAttribute("canFollowUp", root.status() == AlertStore.Status.SENT && !closed);
        model.addAttribute("followUpKinds", List.of(AlertKind.UPDATE, AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM));
        model.addAttribute("timeline", stored.alert().incident()
                .map(incident -> timeline.forIncident(network, incident, names, zone))
                .orElseGet(() -> timeline.forAlert(network, stored, names, zone)));
        model.addAttribute("segmentWarning", ComposerPreview.SEGMENT_WARNING);
        return ALERT_VIEW;
    }

    @PostMapping("/console/alerts/{id}/approve")
    String approve(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            RedirectAttributes redirect) {
        AlertService.Outcome outcome = alertService.approve(user, new AlertId(id));
        if (outcome instanceof AlertService.Outcome.Refused) {
            redirect.addFlashAttribute("refused", "console.refused." + ((AlertService.Outcome.Refused) outcome).reason());
            return "redirect:/console/alerts/" + id;
        }
        return afterSending(outcome, redirect);
    }

    /** Who turned an alert down and why, for its composer (and everyone) to read. */
    record RejectionView(ActorNames.Actor by, String reason, ZonedDateTime at) {
    }

    @PostMapping("/console/alerts/{id}/reject")
    String reject(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam(name = "reason", defaultValue = "") String reason, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        String why = reason.replace("\r\n", "\n").strip();
        if (why.isEmpty() || why.length() > AlertService.MAX_REJECTION_REASON) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("rejectProblem", "console.reject.error.reason");
            return alert(user, id, model);
        }
        AlertService.Outcome outcome = alertService.reject(user, new AlertId(id), why);
        if (outcome instanceof AlertService.Outcome.Refused refused) {
            redirect.addFlashAttribute("refused", "console.refused." + refused.reason());
        }
        return "redirect:/console/alerts/" + id;
    }

    @GetMapping("/console/alerts/{id}/follow-up")
    String followUpForm(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam("kind") AlertKind kind, Model model) {
        return showFollowUp(user, id, kind, "", Map.of(), model);
    }

    @PostMapping("/console/alerts/{id}/follow-up")
    String followUp(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam("kind") AlertKind kind,
            @RequestParam(name = "instructions", defaultValue = "") String instructions,
            @RequestParam(name = "action", defaultValue = "preview") String action, HttpServletResponse response,
            Model model, RedirectAttributes redirect) {
        String text = instructions.replace("\r\n", "\n").strip();
        if (text.length() > RenderRequest.MAX_INSTRUCTIONS) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showFollowUp(user, id, kind, instructions,
                    Map.of("instructions", "console.compose.error.instructionsTooLong"), model);
        }
        if (!"send".equals(action)) {
            return showFollowUp(user, id, kind, instructions, Map.of(), model);
        }
        AlertService.Outcome outcome = alertService.followUp(user, new AlertId(id), kind, text);
        if (outcome instanceof AlertService.Outcome.Refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return showFollowUp(user, id, kind, instructions,
                    Map.of("form", "console.refused." + ((AlertService.Outcome.Refused) outcome).reason()), model);
        }
        return afterSending(outcome, redirect);
    }

    private String showFollowUp(AvisoPrincipal user, UUID id, AlertKind kind, String instructions,
            Map<String, String> problems, Model model) {
        if (!kind.isFollowUp()) {
            throw new IllegalArgumentException("not a follow-up kind");
        }
        NetworkId network = new NetworkId(user.networkId());
        NetworkRecord record = tree.network(network).orElseThrow(NotInNetworkException::new);
        AlertStore.StoredAlert stored = alerts.find(network, new AlertId(id)).orElseThrow(NotInNetworkException::new);
        AlertStore.StoredAlert root = stored.alert().refersTo().flatMap(r -> alerts.find(network, r)).orElse(stored);
        ComposerPreview.Counts counts = reached(network, root);
        String text = instructions.replace("\r\n", "\n").strip();
        model.addAttribute("original", AlertView.of(root, List.of(), Map.of(), actorNames.of(network), user,
                record.zone()));
        model.addAttribute("kind", kind);
        model.addAttribute("instructions", instructions);
        model.addAttribute("problems", problems);
        model.addAttribute("maxInstructions", RenderRequest.MAX_INSTRUCTIONS);
        if (text.length() <= RenderRequest.MAX_INSTRUCTIONS) {
            model.addAttribute("preview", preview.followUp(user, record, root.alert(), kind, root.site(), counts, text));
        }
        model.addAttribute("counts", counts);
        boolean relaxed = kind == AlertKind.UPDATE && incidentSettings.of(network).followUpQuorum()
                == org.aviso.core.dispatch.FollowUpQuorum.RELAXED_FOR_UPDATES;
        model.addAttribute("asksApproval", !relaxed && record.network().quorum()
                .needed(tree.tree(network).audienceFor(root.alert().kind(), root.groups()).scope()) > 1);
        return FOLLOW_UP_VIEW;
    }

    /** The people an alert reached, per tier: who its follow-ups go to. */
    private ComposerPreview.Counts reached(NetworkId network, AlertStore.StoredAlert root) {
        DeliveryReports.DeliveryReport reached = deliveries.report(network, root.alert().id());
        Map<Tier, Integer> byTier = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            long count = reached.byTier().getOrDefault(tier.name(), Map.of()).values().stream()
                    .mapToLong(Long::longValue).sum();
            byTier.put(tier, (int) count);
        }
        return new ComposerPreview.Counts((int) reached.recipients(), byTier, Map.of(), 0, null, 0);
    }

    private static String afterSending(AlertService.Outcome outcome, RedirectAttributes redirect) {
        if (outcome instanceof AlertService.Outcome.Sent) {
            redirect.addFlashAttribute("sentTo", ((AlertService.Outcome.Sent) outcome).recipients());
        } else if (outcome instanceof AlertService.Outcome.AwaitingApproval) {
            redirect.addFlashAttribute("missing", ((AlertService.Outcome.AwaitingApproval) outcome).missing());
        }
        return "redirect:/console/alerts/" + outcome.alert().value();
    }
}
