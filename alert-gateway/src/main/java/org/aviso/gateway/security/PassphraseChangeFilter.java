package org.aviso.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While a session's passphrase must be replaced (a first start's, which was written to a file), every page but the
 * one that replaces it, and signing out, leads there.
 */
class PassphraseChangeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (session != null && session.getAttribute(AccountController.MUST_CHANGE) != null
                && !path.equals("/account/passphrase") && !path.equals("/signout") && !path.startsWith("/css/")
                && !path.startsWith("/js/") && !path.equals("/error")) {
            response.sendRedirect(request.getContextPath() + "/account/passphrase?first");
            return;
        }
        chain.doFilter(request, response);
    }
}
