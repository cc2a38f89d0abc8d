package org.aviso.gateway.console;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.IncidentId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.ReportId;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.tree.Site;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReporterCallbacks;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.report.VerificationNotes;
import org.aviso.gateway.report.web.ReportForm;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.task.ChannelTaskStore;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dispatcher's queue and a report's page: claim (the holder is shown to everyone), release, break a claim
 * (administrators), record the verification outcome; log a call as a low-trust report; clear channel tasks.
 * The queue refreshes itself: the page listens to {@link ConsoleEvents} and fetches {@code /console/live}.
 */
@Controller
class ConsoleController {

    static final String VIEW = "console/index";
    static final String LIVE_FRAGMENT = "console/index :: live";
    static final String REPORT_VIEW = "console/report";
    static final String CALL_VIEW = "console/call";
    private static final int QUEUE_SIZE = 100;
    private static final int RESOLVED_SHOWN = 15;

    private final ReportService reports;
    private final ReportStore store;
    private final AlertStore alerts;
    private final TreeStore tree;
    private final ChannelTaskStore tasks;
    private final ConsoleEvents events;
    private final ActorNames actorNames;
    private final Timeline timeline;
    private final ReporterCallbacks callbacks;
    private final java.time.Clock clock;
    private final VerificationNotes notes;

    ConsoleController(ReportService reports, ReportStore store, AlertStore alerts, TreeStore tree,
            ChannelTaskStore tasks, ConsoleEvents events, ActorNames actorNames, Timeline timeline,
            ReporterCallbacks callbacks, java.time.Clock clock, VerificationNotes notes) {
        this.callbacks = callbacks;
        this.clock = clock;
        this.notes = notes;
        this.reports = reports;
        this.store = store;
        this.alerts = alerts;
        this.tree = tree;
        this.tasks = tasks;
        this.events = events;
        this.actorNames = actorNames;
        this.timeline = timeline;
    }

    @GetMapping("/console")
    String console(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        live(user, model);
        return VIEW;
    }

    /** The part of the console that changes: the queue, alerts awaiting approval, channel tasks. */
    @GetMapping("/console/live")
    String liveFragment(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        live(user, model);
        return LIVE_FRAGMENT;
    }

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal AvisoPrincipal user) {
        return events.subscribe(user.networkId());
    }

    private void live(AvisoPrincipal user, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        ZoneId zone = zone(network);
        ActorNames.Names names = actorNames.of(network);
        Map<SiteId, String> sites = siteNames(network);
        List<ReportStore.StoredReport> stored = store.recent(network, QUEUE_SIZE);
        Map<IncidentId, ReportStore.IncidentState> incidents = store.incidentStates(
                stored.stream().map(r -> r.report().incident()).collect(java.util.stream.Collectors.toSet()));
        List<ReportId> ids = stored.stream().map(r -> r.report().id()).toList();
        java.util.Set<ReportId> idle = store.idleClaims(ids);
        java.util.Set<ReportId> byMessage = store.byMessage(ids);
        List<ReportView> recent = stored.stream()
                .map(r -> ReportView.of(r, sites, names, user, zone,
                        Optional.ofNullable(incidents.get(r.report().incident())), idle.contains(r.report().id()),
                        byMessage.contains(r.report().id())))
                .toList();
        // most urgent first: unclaimed, then longest waiting, then the report's own cues (QueueOrder)
        model.addAttribute("openReports", recent.stream().filter(ReportView::open).sorted(QueueOrder.URGENCY).toList());
        model.addAttribute("now", clock.instant());
        model.addAttribute("resolvedReports", recent.stream().filter(r -> !r.open()).limit(RESOLVED_SHOWN).toList());
        List<AlertView> awaiting = alerts.recent(network, 50).stream()
                .filter(a -> a.status() == AlertStore.Status.AWAITING_APPROVAL)
                .map(a -> AlertView.of(a, alerts.approvals(a.alert().id()), sites, names, user, zone)).toList();
        model.addAttribute("awaitingAlerts", awaiting);
        model.addAttribute("recentAlerts", alerts.recent(network, 10).stream()
                .filter(a -> a.status() != AlertStore.Status.AWAITING_APPROVAL)
                .map(a -> AlertView.of(a, List.of(), sites, names, user, zone)).toList());
        model.addAttribute("tasks", tasks.open(user.networkId()).stream()
                .map(t -> new TaskView(t.id(), t.kind().name(), maskedSender(t.sender()),
                        t.personId() == null ? null : names.person(t.personId()), t.detail(),
                        t.createdAt().atZone(zone)))
                .toList());
        model.addAttribute("canResolveTasks", user.isAdministrator());
    }

    /** A channel task as shown: the sender account's number is masked to its last four digits. */
    record TaskView(UUID id, String kind, String sender, ActorNames.Actor person, String detail,
            java.time.ZonedDateTime createdAt) {
    }

    static String maskedSender(String sender) {
        try {
            return "…" + PhoneNumber.of(sender).lastDigits(4);
        } catch (IllegalArgumentException notANumber) {
            return sender;
        }
    }

    @GetMapping("/console/reports/{id}")
    String report(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id, Model model) {
        return showReport(user, id, model, new NoteForm(null, "", ""), Map.of());
    }

    /** A verification note as typed, kept to show it again next to what was wrong with it. */
    record NoteForm(String how, String seen, String byWhom) {
    }

    /**
     * Adds a verification note (what was seen, how, by whom). Anything missing or too long answers 400 with the
     * report page and each problem next to its field, in the dispatcher's language; nothing is kept.
     */
    @PostMapping("/console/reports/{id}/notes")
    String addNote(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam(name = "how", required = false) String how,
            @RequestParam(name = "seen", required = false) String seen,
            @RequestParam(name = "byWhom", required = false) String byWhom,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NoteForm form = new NoteForm(how, seen == null ? "" : seen, byWhom == null ? "" : byWhom);
        Map<String, String> problems = new LinkedHashMap<>();
        VerificationNotes.Method method = null;
        try {
            method = how == null ? null : VerificationNotes.Method.valueOf(how);
        } catch (IllegalArgumentException notOne) {
            method = null;
        }
        if (method == null) {
            problems.put("note-how", "console.note.error.how");
        }
        if (form.seen().isBlank()) {
            problems.put("note-seen", "console.note.error.seen");
        } else if (form.seen().length() > VerificationNotes.SEEN_MAX) {
            problems.put("note-seen", "console.note.error.seenTooLong");
        }
        if (form.byWhom().isBlank()) {
            problems.put("note-by-whom", "console.note.error.byWhom");
        } else if (form.byWhom().length() > VerificationNotes.BY_WHOM_MAX) {
            problems.put("note-by-whom", "console.note.error.byWhomTooLong");
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showReport(user, id, model, form, problems);
        }
        notes.add(user, new ReportId(id), method, form.seen(), form.byWhom());
        redirect.addFlashAttribute("noted", true);
        return "redirect:/console/reports/" + id + "#timeline";
    }

    private String showReport(AvisoPrincipal user, UUID id, Model model, NoteForm noteForm,
            Map<String, String> noteProblems) {
        NetworkId network = new NetworkId(user.networkId());
        ReportStore.StoredReport stored = store.find(network, new ReportId(id)).orElseThrow(NotInNetworkException::new);
        ZoneId zone = zone(network);
        ActorNames.Names names = actorNames.of(network);
        model.addAttribute("report", ReportView.of(stored, siteNames(network), names, user, zone,
                Optional.ofNullable(store.incidentStates(List.of(stored.report().incident()))
                        .get(stored.report().incident())),
                store.idleClaims(List.of(stored.report().id())).contains(stored.report().id()),
                store.byMessage(List.of(stored.report().id())).contains(stored.report().id())));
        model.addAttribute("outcomes", List.of(ReportStatus.VERIFIED, ReportStatus.FALSE_ALARM,
                ReportStatus.UNABLE_TO_VERIFY));
        model.addAttribute("timeline", timeline.forIncident(network, stored.report().incident(), names, zone));
        model.addAttribute("canBreakClaim", user.isAdministrator());
        model.addAttribute("noteMethods", VerificationNotes.Method.values());
        model.addAttribute("noteForm", noteForm);
        model.addAttribute("noteProblems", noteProblems);
        model.addAttribute("canNote", user.isDispatcher());
        model.addAttribute("photoCount", store.photoCount(network, stored.report().id()));
        ReporterCallbacks.State callback = callbacks.state(user, stored.report().id());
        model.addAttribute("callback", callback);
        model.addAttribute("callbackSent", callback.sent().stream()
                .map(c -> new CallbackView(c.step(), names.person(c.sentBy()), c.at().atZone(zone))).toList());
        return REPORT_VIEW;
    }

    /** A message sent to the reporter, as the report page lists it. */
    record CallbackView(String step, ActorNames.Actor by, java.time.ZonedDateTime at) {
    }

    /** The dispatcher messages the reporter with the current step's text, once per step. */
    @PostMapping("/console/reports/{id}/callback")
    String callback(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            HttpServletResponse response, RedirectAttributes redirect, Model model) {
        ReporterCallbacks.Outcome outcome = callbacks.send(user, new ReportId(id));
        if (outcome == ReporterCallbacks.Outcome.SENT) {
            redirect.addFlashAttribute("callbackDone", true);
            return "redirect:/console/reports/" + id + "#callback";
        }
        // already sent at this step (another tab, another dispatcher) or nobody to send to: say so, change nothing
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("callbackError", outcome == ReporterCallbacks.Outcome.ALREADY_SENT
                ? "console.callback.already" : "console.callback.noReporter");
        return showReport(user, id, model, new NoteForm(null, "", ""), Map.of());
    }

    @GetMapping("/console/reports/{id}/photo")
    ResponseEntity<byte[]> photo(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam(name = "n", defaultValue = "0") int index) {
        ReportStore.Photo photo = store.photo(new NetworkId(user.networkId()), new ReportId(id), index)
                .orElseThrow(NotInNetworkException::new);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.noStore()).body(photo.bytes());
    }

    @PostMapping("/console/reports/{id}/claim")
    String claim(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id) {
        reports.claim(user, new ReportId(id));
        return "redirect:/console/reports/" + id;
    }

    @PostMapping("/console/reports/{id}/release")
    String release(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id) {
        reports.release(user, new ReportId(id));
        return "redirect:/console/reports/" + id;
    }

    @PostMapping("/console/reports/{id}/break-claim")
    String breakClaim(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id) {
        reports.breakClaim(user, new ReportId(id));
        return "redirect:/console/reports/" + id;
    }

    @PostMapping("/console/reports/{id}/resolve")
    String resolve(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id,
            @RequestParam("outcome") ReportStatus outcome, RedirectAttributes redirect) {
        if (!outcome.isTerminal()) {
            throw new IllegalArgumentException("not an outcome");
        }
        reports.resolve(user, new ReportId(id), outcome);
        redirect.addFlashAttribute("resolved", "report.status." + outcome);
        return "redirect:/console/reports/" + id;
    }

    // ---- a call logged by a dispatcher: a low-trust report

    @GetMapping("/console/calls/new")
    String callForm(@AuthenticationPrincipal AvisoPrincipal user, Model model) {
        return showCallForm(user, model, new ReportForm(), null, Map.of());
    }

    @PostMapping("/console/calls")
    String logCall(@AuthenticationPrincipal AvisoPrincipal user, @ModelAttribute("form") ReportForm form,
            BindingResult binding, @RequestParam(name = "site", required = false) UUID site,
            HttpServletResponse response, Model model) {
        NetworkId network = new NetworkId(user.networkId());
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        binding.getFieldErrors().forEach(error -> problems.putIfAbsent(error.getField(), "report.error.choice"));
        Optional<Site> chosen = site == null ? Optional.empty() : tree.site(network, new SiteId(site));
        if (chosen.isEmpty()) {
            problems.put("site", "console.call.error.site");
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return showCallForm(user, model, form, site, problems);
        }
        var report = reports.logCall(user, chosen.get().id(),
                new ReportService.Submission(form.salute(), form.normalizedText(), Optional.empty()));
        return "redirect:/console/reports/" + report.id().value();
    }

    private String showCallForm(AvisoPrincipal user, Model model, ReportForm form, UUID site,
            Map<String, String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("sites", tree.sites(new NetworkId(user.networkId())));
        model.addAttribute("selectedSite", site);
        model.addAttribute("problems", problems);
        return CALL_VIEW;
    }

    // ---- channel tasks

    @PostMapping("/console/tasks/{id}/done")
    String taskDone(@AuthenticationPrincipal AvisoPrincipal user, @PathVariable("id") UUID id) {
        if (!user.isAdministrator()) {
            throw new AccessDeniedException("Administrators mark channel tasks done");
        }
        tasks.resolve(user, id);
        return "redirect:/console#tasks";
    }

    private Map<SiteId, String> siteNames(NetworkId network) {
        Map<SiteId, String> names = new LinkedHashMap<>();
        tree.sites(network).forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    private ZoneId zone(NetworkId network) {
        return tree.network(network).map(NetworkRecord::zone).orElse(java.time.ZoneOffset.UTC);
    }
}
