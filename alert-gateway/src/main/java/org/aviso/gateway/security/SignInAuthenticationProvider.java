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

    record SignInDetails(String totpCode, String client) {

        @Override
        public String toString() {
            return "SignInDetails[hidden]";
        }
    }

    static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> detailsSource() {
        // the address Tomcat settled on: the peer's, or a trusted proxy's X-Forwarded-For (web.TrustedProxies)
        return request -> new SignInDetails(request.getParameter("code"), request.getRemoteAddr());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        SignInDetails details = authentication.getDetails() instanceof SignInDetails given ? given
                : new SignInDetails(null, null);
        String code = details.totpCode();
        String passphrase = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        UserAccounts.SignIn result = accounts.signIn(authentication.getName(), passphrase, code,
                details.client());
        if (result instanceof UserAccounts.SignIn.Success success) {
            return authenticated(success.principal());
        }
        if (result instanceof UserAccounts.SignIn.Locked) {
            throw new LockedException("Account locked");
        }
        // no pause here: a pause only holds a thread, while SignInThrottle refuses early retries outright
        throw new BadCredentialsException("Sign-in refused");
    }

    static UsernamePasswordAuthenticationToken authenticated(AvisoPrincipal principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(principal.role().authority())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
