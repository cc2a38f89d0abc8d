package org.aviso.gateway.report.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.aviso.core.common.NetworkId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.common.SiteId;
import org.aviso.core.report.Report;
import org.aviso.core.tree.Site;
import org.aviso.gateway.report.PhotoSanitizer;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.NotInNetworkException;
import org.aviso.gateway.security.RateLimits;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * The phone form of an enrolled site contact: report what you see for your own site, then follow what happens
 * to the report. Works without JavaScript; whatever was typed survives a refused submission.
 */
@Controller
class ReportFormController {

    static final String FORM_VIEW = "report/form";
    static final String STATUS_VIEW = "report/status";
    /** How long an unsent draft is kept on the phone: long enough for a dropped connection, too short to mislead. */
    static final Duration DRAFT_TTL = Duration.ofMinutes(30);

    private final ReportService reports;
    private final ReportStore store;
    private final TreeStore tree;
    private final RateLimits limits;

    ReportFormController(ReportService reports, ReportStore store, TreeStore tree, RateLimits limits) {
        this.reports = reports;
        this.store = store;
        this.tree = tree;
        this.limits = limits;
    }

    @GetMapping("/report")
    String form(@AuthenticationPrincipal AvisoPrincipal device,
            @RequestParam(name = UploadLimitFilter.TOO_LARGE, required = false) String tooLarge,
            HttpServletResponse response, Model model) {
        model.addAttribute("draftOwner", draftOwner(device));
        model.addAttribute("zone", zoneOf(device).getId());
        if (tooLarge != null) {
            // the previous post was refused unread by UploadLimitFilter: say why (with JavaScript, the draft is kept)
            return showForm(model, siteOf(device), new ReportForm(),
                    Map.of("photo", "report.error.photoTooLarge", "form", "report.error.resend"));
        }
        return showForm(model, siteOf(device), new ReportForm(), Map.of());
    }

    @PostMapping("/report")
    String submit(@AuthenticationPrincipal AvisoPrincipal device, @ModelAttribute("form") ReportForm form,
            BindingResult binding, @RequestParam(name = "photo", required = false) MultipartFile photo,
            HttpServletResponse response, Model model) throws IOException {
        model.addAttribute("draftOwner", draftOwner(device));
        model.addAttribute("zone", zoneOf(device).getId());
        Optional<Site> site = siteOf(device);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        // a choice that is not one of ours (a tampered request) stays UNKNOWN; say which group to look at
        binding.getFieldErrors().forEach(error -> problems.putIfAbsent(error.getField(), "report.error.choice"));
        Optional<PhotoSanitizer.Clean> clean = Optional.empty();
        if (photo != null && !photo.isEmpty()) {
            if (photo.getSize() > PhotoSanitizer.MAX_BYTES) {
                problems.put("photo", "report.error.photoTooLarge");
            } else {
                clean = PhotoSanitizer.sanitize(photo.getBytes());
                if (clean.isEmpty()) {
                    problems.put("photo", "report.error.photoType");
                }
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(problems.containsKey("photo") && "report.error.photoTooLarge".equals(problems.get("photo"))
                    ? HttpStatus.PAYLOAD_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
            return showForm(model, site, form, problems);
        }
        if (!limits.tryPass(RateLimits.Door.REPORT, device.actor())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return showForm(model, site, form, Map.of("form", "report.error.tooMany"));
        }
        Report report = reports.submitFromDevice(device,
                new ReportService.Submission(form.salute(), form.normalizedText(), clean));
        return "redirect:/report/status/" + report.code().value() + "?sent";
    }

    @GetMapping("/report/status/{code}")
    String status(@AuthenticationPrincipal AvisoPrincipal device, @PathVariable("code") String code, Model model) {
        ShortCode parsed;
        try {
            parsed = ShortCode.parse(code);
        } catch (IllegalArgumentException malformed) {
            throw new NotInNetworkException();
        }
        Report report = store.findByCode(new NetworkId(device.networkId()), parsed)
                .map(ReportStore.StoredReport::report)
                .filter(r -> r.site().value().equals(device.siteId()))
                .orElseThrow(NotInNetworkException::new);
        model.addAttribute("report", report);
        model.addAttribute("receivedAt", report.receivedAt().atZone(tree.network(report.network())
                .map(NetworkRecord::zone).orElse(ZoneOffset.UTC)));
        model.addAttribute("site", siteOf(device).map(Site::name).orElse(""));
        return STATUS_VIEW;
    }

    /**
     * Whose draft a draft on the phone is: a value derived from the enrolled device's id, so a draft typed under one
     * enrollment is deleted, not restored, once the phone is enrolled again (or by another device id). It reveals
     * nothing: a one-way hash of a random id.
     */
    static String draftOwner(AvisoPrincipal device) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("aviso.report.draft:" + device.id()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private java.time.ZoneId zoneOf(AvisoPrincipal device) {
        return tree.network(new NetworkId(device.networkId())).map(NetworkRecord::zone).orElse(ZoneOffset.UTC);
    }

    private Optional<Site> siteOf(AvisoPrincipal device) {
        if (device.siteId() == null) {
            return Optional.empty();
        }
        return tree.site(new NetworkId(device.networkId()), new SiteId(device.siteId()));
    }

    /** Also used when an upload was too large for the server to read at all. */
    static String showForm(Model model, Optional<Site> site, ReportForm form, Map<String, String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("site", site.map(Site::name).orElse(""));
        model.addAttribute("problems", problems);
        model.addAttribute("maxPhotoBytes", PhotoSanitizer.MAX_BYTES);
        model.addAttribute("maxTextLength", Report.MAX_TEXT_LENGTH);
        model.addAttribute("maxPhotoEdge", PhotoSanitizer.MAX_EDGE);
        model.addAttribute("draftTtlSeconds", DRAFT_TTL.toSeconds());
        return FORM_VIEW;
    }
}
