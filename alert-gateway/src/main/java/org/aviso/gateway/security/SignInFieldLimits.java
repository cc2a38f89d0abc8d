package org.aviso.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form states the longest user name, passphrase and code it takes; a longer one is refused before any
 * account is looked up or any hash computed, and the form says which field is too long (issue 14 item 7). Which
 * field is too long says nothing about whether the account exists: the limits are the same for everyone.
 */
class SignInFieldLimits extends OncePerRequestFilter {

    static final int USERNAME = UserAccounts.MAX_USERNAME_LENGTH;
    static final int PASSPHRASE = UserAccounts.MAX_PASSPHRASE_LENGTH;
    /** Six digits, and a space some authenticator apps show in the middle. */
    static final int CODE = 7;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the request URI, not the servlet path, so that the check holds in every dispatch and in MockMvc as well
        return !("POST".equals(request.getMethod())
                && (request.getContextPath() + "/signin").equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tooLong = tooLong(request.getParameter("username"), USERNAME) ? "username"
                : tooLong(request.getParameter("passphrase"), PASSPHRASE) ? "passphrase"
                : tooLong(request.getParameter("code"), CODE) ? "code" : null;
        if (tooLong != null) {
            response.sendRedirect(request.getContextPath() + "/signin?tooLong=" + tooLong);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }
}
