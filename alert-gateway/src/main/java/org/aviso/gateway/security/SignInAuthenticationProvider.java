package org.aviso.gateway.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Checks user name, passphrase and TOTP code together, so the sign-in page is one step. */
class SignInAuthenticationProvider implements AuthenticationProvider {

    private final UserAccounts accounts;

    SignInAuthenticationProvider(UserAccounts accounts) {
        this.accounts = accounts;
    }

    record SignInDetails(String totpCode) {

        @Override
        public String toString() {
            return "SignInDetails[hidden]";
        }
    }

    static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> detailsSource() {
        return request -> new SignInDetails(request.getParameter("code"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String code = authentication.getDetails() instanceof SignInDetails details ? details.totpCode() : null;
        String passphrase = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        UserAccounts.SignIn result = accounts.signIn(authentication.getName(), passphrase, code);
        if (result instanceof UserAccounts.SignIn.Success success) {
            return authenticated(success.principal());
        }
        if (result instanceof UserAccounts.SignIn.Locked) {
            throw new LockedException("Account locked");
        }
        pause(((UserAccounts.SignIn.Refused) result).delay().toMillis());
        throw new BadCredentialsException("Sign-in refused");
    }

    static UsernamePasswordAuthenticationToken authenticated(AvisoPrincipal principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(principal.role().authority())));
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
