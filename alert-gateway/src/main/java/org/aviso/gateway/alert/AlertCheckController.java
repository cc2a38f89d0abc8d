package org.aviso.gateway.alert;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aviso.gateway.security.RateLimits;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public page where anyone can check an alert's code: genuine (issuer, kind, time) or "do not trust". */
@Controller
class AlertCheckController {

    static final String VIEW = "alert/check";

    private final AlertCheck check;
    private final RateLimits limits;

    private final AlertStore alerts;
    private final org.aviso.gateway.languages.NetworkLanguages languages;

    AlertCheckController(AlertCheck check, RateLimits limits, AlertStore alerts,
            org.aviso.gateway.languages.NetworkLanguages languages) {
        this.alerts = alerts;
        this.languages = languages;
        this.check = check;
        this.limits = limits;
    }

    @GetMapping("/v")
    String form(@RequestParam(name = "code", required = false) String code) {
        if (code != null && !code.isBlank()) {
            return "redirect:/v/" + code.strip().replaceAll("[^A-Za-z0-9-]", "");
        }
        return VIEW;
    }

    @GetMapping("/v/{code}")
    String check(@PathVariable("code") String code, HttpServletRequest request, HttpServletResponse response,
            java.util.Locale locale, Model model) {
        if (!limits.tryPass(RateLimits.Door.ALERT_CHECK, request.getRemoteAddr())) {
            response.setStatus(429);
            model.addAttribute("throttled", true);
            return VIEW;
        }
        AlertCheck.Result result = check.check(code);
        model.addAttribute("typed", code.length() > 20 ? code.substring(0, 20) : code);
        if (result instanceof AlertCheck.Genuine genuine) {
            model.addAttribute("genuine", genuine);
            // the reader's language where the site wrote one, else the network's first
            String lang = readerLanguage(genuine.profile(), locale);
            model.addAttribute("lang", lang);
            model.addAttribute("dir", org.aviso.gateway.web.TextDirection.of(lang));
            // a language the network added as data (issue 17): its own check-page words, written the right way round
            readerTag(request).flatMap(tag -> alerts.findByCode(genuine.code()).map(a -> languages.texts(a.alert().network())
                    .get(org.aviso.core.common.Language.of(tag)))).ifPresent(texts -> {
                        String tag = readerTag(request).orElseThrow();
                        model.addAttribute("dataTexts", texts);
                        model.addAttribute("dataLang", tag);
                        model.addAttribute("dataDir", org.aviso.gateway.web.TextDirection.of(tag));
                    });
            String shown = model.containsAttribute("dataLang") ? (String) model.getAttribute("dataLang") : lang;
            // the reader's own language's free text, or what the dispatcher chose for it (issue 17 item 2)
            model.addAttribute("instructions", genuine.instructionsIn(org.aviso.core.common.Language.of(shown)));
        } else {
            model.addAttribute("unknown", true);
        }
        return VIEW;
    }

    /** The language the reader asked for: {@code ?lang=} or the first of Accept-Language, if it is a tag. */
    static java.util.Optional<String> readerTag(HttpServletRequest request) {
        String asked = request.getParameter("lang");
        if (asked == null || asked.isBlank()) {
            String header = request.getHeader("Accept-Language");
            asked = header == null ? "" : header.split("[,;]")[0];
        }
        return org.aviso.gateway.languages.NetworkLanguages.parse(asked).map(l -> l.tag());
    }

    static String readerLanguage(org.aviso.gateway.profile.SiteProfile profile, java.util.Locale locale) {
        String tag = locale.toLanguageTag().toLowerCase(java.util.Locale.ROOT);
        java.util.Set<String> written = new java.util.LinkedHashSet<>(profile.pickUp().keySet());
        profile.steps().forEach(s -> written.addAll(s.text().keySet()));
        profile.resources().forEach(r -> written.addAll(r.name().keySet()));
        written.addAll(profile.rights().keySet());
        if (written.contains(tag)) {
            return tag;
        }
        String primary = locale.getLanguage();
        return written.contains(primary) || written.isEmpty() ? primary : written.iterator().next();
    }
}
