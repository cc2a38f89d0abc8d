package org.aviso.gateway.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aviso.gateway.crypto.Secret;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets a Prometheus scraper that presents {@code aviso.security.metrics-token} read /actuator/prometheus. */
class MetricsTokenFilter extends OncePerRequestFilter {

    static final String SCRAPER_AUTHORITY = "ROLE_METRICS";
    /** Matched as the authorization rules match it, whatever path the dispatcher servlet is mapped to. */
    private static final RequestMatcher METRICS = PathPatternRequestMatcher.pathPattern("/actuator/prometheus");

    private final Secret token;

    MetricsTokenFilter(String token) {
        this.token = token == null || token.isBlank() ? null : Secret.of(token);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return token == null || !METRICS.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ") && token.matches(header.substring(7).strip())) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken("metrics-scraper", null,
                    List.of(new SimpleGrantedAuthority(SCRAPER_AUTHORITY))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
