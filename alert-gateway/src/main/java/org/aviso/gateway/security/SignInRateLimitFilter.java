package org.aviso.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Limits sign-in attempts per client address before any passphrase is hashed. */
class SignInRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;

    SignInRateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/signin".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!limits.tryPass(RateLimits.Door.SIGN_IN, request.getRemoteAddr())) {
            response.sendRedirect(request.getContextPath() + "/signin?throttled");
            return;
        }
        chain.doFilter(request, response);
    }
}
