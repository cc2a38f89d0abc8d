package org.aviso.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

    static final String VIEW = "security/signin";

    @GetMapping("/signin")
    String signIn(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AvisoPrincipal principal
                && principal.kind() == AvisoPrincipal.Kind.USER) {
            return "redirect:/console";
        }
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
