package org.aviso.gateway.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SignInController {

    static final String VIEW = "security/signin";

    private static final Set<String> FIELDS = Set.of("username", "passphrase", "code");

    @GetMapping("/signin")
    String signIn(Authentication authentication,
            @RequestParam(name = "tooLong", required = false) String tooLong, Model model) {
        if (authentication != null && authentication.getPrincipal() instanceof AvisoPrincipal principal
                && principal.kind() == AvisoPrincipal.Kind.USER) {
            return "redirect:/console";
        }
        // which field SignInFieldLimits refused, if any: only a known field name reaches the page
        model.addAttribute("tooLong", tooLong != null && FIELDS.contains(tooLong) ? tooLong : "");
        return VIEW;
    }

    @GetMapping("/")
    String start(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AvisoPrincipal principal) {
            return principal.role() == AvisoRole.SITE_CONTACT ? "redirect:/report" : "redirect:/console";
        }
        return "redirect:/v";
    }
}
