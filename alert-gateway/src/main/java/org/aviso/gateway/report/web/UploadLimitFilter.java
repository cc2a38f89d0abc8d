package org.aviso.gateway.report.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a too-large photo reach {@link UploadLimitAdvice} instead of failing in the security filters. Tomcat
 * refuses to read any parameter of a multipart request over the limit, so the CSRF filter (which reads
 * {@code _csrf}) would fail with a bare 413 page. This filter, ahead of Spring Security, reads the parts once;
 * when they are over the limit it hands on a request whose parameters come from the query string only (the phone
 * form carries its CSRF token there) and whose parts report the size failure to Spring MVC, which answers it.
 */
class UploadLimitFilter extends OncePerRequestFilter {

    /** Before Spring Security (-100), after the character encoding filter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    /** Registered for the phone form only (a plain Filter bean would be applied to every path). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter() {
            FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(new UploadLimitFilter());
            registration.addUrlPatterns("/report", "/report/*");
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
                chain.doFilter(new QueryOnlyRequest(request, tooLargeOrMalformed), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static final class QueryOnlyRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;
        private final Exception failure;

        QueryOnlyRequest(HttpServletRequest request, Exception failure) {
            super(request);
            this.failure = failure;
            this.parameters = parse(request.getQueryString());
        }

        private static Map<String, String[]> parse(String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            Map<String, String[]> result = new LinkedHashMap<>();
            values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
            return Collections.unmodifiableMap(result);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public Collection<Part> getParts() {
            // Spring's multipart resolver reads "exceed" and "size" in the message as MaxUploadSizeExceededException
            throw new IllegalStateException(tooLarge(failure) ? "The upload exceeds its maximum permitted size"
                    : "The multipart request could not be read", failure);
        }

        private static boolean tooLarge(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                String message = t.getMessage();
                if (message != null && message.contains("exceed") && message.contains("size")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Part getPart(String name) {
            return getParts().iterator().next();
        }
    }
}
