package org.aviso.gateway.security;

import org.aviso.gateway.settings.DemoMode;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page what its header needs: who is signed in, and whether this is a demo. */
@ControllerAdvice
class CurrentUserAdvice {

    private final DemoMode demo;

    CurrentUserAdvice(DemoMode demo) {
        this.demo = demo;
    }

    /** What a template may know about the person signed in. */
    public record CurrentUser(boolean administrator, boolean dispatcher, boolean staff, boolean siteContact) {
    }

    @ModelAttribute("currentUser")
    CurrentUser currentUser(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof AvisoPrincipal principal)) {
            return null;
        }
        boolean user = principal.kind() == AvisoPrincipal.Kind.USER;
        return new CurrentUser(principal.isAdministrator(), user && principal.isDispatcher(), user,
                principal.role() == AvisoRole.SITE_CONTACT);
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo.enabled();
    }
}
