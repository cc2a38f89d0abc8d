package org.aviso.gateway.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A signed-in administrator's or dispatcher's own account: a new passphrase (required at the first sign-in of an
 * account created on a first start, whose passphrase was written to a file), and a new authenticator (TOTP) secret
 * when a phone is lost or replaced. Both ask for the current passphrase.
 */
@Controller
class AccountController {

    static final String PASSPHRASE_VIEW = "security/passphrase";
    static final String TOTP_VIEW = "security/totp";
    /** Session flag: this session signed in with a passphrase that must be replaced before anything else. */
    static final String MUST_CHANGE = "aviso.mustChangePassphrase";
    private static final String OFFER = "aviso.totpOffer";

    private final UserAccounts accounts;

    AccountController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account/passphrase")
    String passphraseForm(@AuthenticationPrincipal AvisoPrincipal who, Model model) {
        model.addAttribute("maxLength", UserAccounts.MAX_PASSPHRASE_LENGTH);
        model.addAttribute("minLength", Passphrases.MIN_LENGTH);
        return PASSPHRASE_VIEW;
    }

    @PostMapping("/account/passphrase")
    String changePassphrase(@AuthenticationPrincipal AvisoPrincipal who,
            @RequestParam(name = "current", required = false) String current,
            @RequestParam(name = "chosen", required = false) String chosen,
            @RequestParam(name = "repeated", required = false) String repeated, HttpSession session,
            HttpServletResponse response, Model model) {
        Optional<UserAccounts.ChangeRefused> refused = accounts.changePassphrase(who, current, chosen, repeated);
        if (refused.isPresent()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "account.error." + refused.get().name());
            return passphraseForm(who, model);
        }
        session.removeAttribute(MUST_CHANGE);
        return "redirect:/account/passphrase?changed";
    }

    @GetMapping("/account/totp")
    String totpForm(@AuthenticationPrincipal AvisoPrincipal who, HttpSession session, Model model) {
        UserAccounts.TotpOffer offer = accounts.offerTotp(who);
        session.setAttribute(OFFER, offer);
        model.addAttribute("offer", offer);
        return TOTP_VIEW;
    }

    @PostMapping("/account/totp")
    String renewTotp(@AuthenticationPrincipal AvisoPrincipal who,
            @RequestParam(name = "passphrase", required = false) String passphrase,
            @RequestParam(name = "code", required = false) String code, HttpSession session,
            HttpServletResponse response, Model model) {
        if (!(session.getAttribute(OFFER) instanceof UserAccounts.TotpOffer offer)) {
            return "redirect:/account/totp";
        }
        Optional<UserAccounts.ChangeRefused> refused = accounts.renewTotp(who, offer, passphrase, code);
        if (refused.isPresent()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "account.error." + refused.get().name());
            model.addAttribute("offer", offer);
            return TOTP_VIEW;
        }
        session.removeAttribute(OFFER);
        return "redirect:/account/totp?renewed";
    }
}
