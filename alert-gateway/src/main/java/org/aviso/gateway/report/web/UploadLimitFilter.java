package org.aviso.gateway.report.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A report post with a photo over the server's limit cannot be read at all (Tomcat refuses every part), so neither
 * the CSRF check nor the controller could answer it and the phone would get a bare 413 page. This filter, ahead of
 * Spring Security, refuses such a post unread and sends the phone back to the form with a clear message
 * ({@code 303 /report?photoTooLarge}); nothing is changed, so no CSRF token is needed for that answer and none ever
 * travels in a URL.
 */
class UploadLimitFilter extends OncePerRequestFilter {

    static final String TOO_LARGE = "photoTooLarge";

    /** Before Spring Security (-100), after the character encoding filter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    /** Registered for the phone form only (a plain Filter bean would be applied to every path). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter() {
            FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(new UploadLimitFilter());
            registration.addUrlPatterns("/report");
            registration.setOrder(ORDER);
            return registration;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if ("POST".equals(request.getMethod()) && type != null && type.toLowerCase().startsWith("multipart/")) {
            try {
                request.getParts();
            } catch (IllegalStateException | IOException | ServletException tooLargeOrMalformed) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", request.getContextPath() + "/report?" + TOO_LARGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
