package org.aviso.gateway.security;

import java.util.List;

/**
 * The only paths a stranger may reach without signing in: the public alert check, provider webhooks (each
 * verified by its provider's signature), enrollment and sign-in, plus health probes (status only, no detail),
 * static assets and the error page. Everything else needs an account or an enrolled phone;
 * {@code EndpointAuthorizationTest} checks every mapped endpoint against this list.
 */
public final class PublicEndpoints {

    public static final List<String> PATTERNS = List.of(
            "/",
            "/signin",
            "/enroll",
            "/v", "/v/*",
            "/webhooks/twilio/status/*", "/webhooks/twilio/inbound",
            "/actuator/health", "/actuator/health/*",
            "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error");

    /** Webhooks carry a provider signature instead of a CSRF token. */
    public static final List<String> SIGNATURE_VERIFIED = List.of("/webhooks/**");

    private PublicEndpoints() {
    }
}
