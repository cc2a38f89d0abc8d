package org.aviso.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Lists every mapped endpoint and checks that a stranger is refused everywhere except the explicit allowlist
 * (public alert check, provider webhooks verified by signature, enrollment and sign-in).
 */
@AvisoTest
@AutoConfigureMockMvc
class EndpointAuthorizationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(HttpMethod method, String pattern) {
    }

    static List<Endpoint> endpoints(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint(HttpMethod.GET, pattern));
                    endpoints.add(new Endpoint(HttpMethod.POST, pattern));
                } else {
                    methods.forEach(m -> endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern)));
                }
            }
        }
        return endpoints;
    }

    static String concrete(String pattern, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, values.getOrDefault(matcher.group(1), UUID.randomUUID().toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static boolean isPublic(String path) {
        AntPathMatcher matcher = new AntPathMatcher();
        return PublicEndpoints.PATTERNS.stream().anyMatch(p -> matcher.match(p, path));
    }

    @Test
    void everyEndpointRefusesStrangersExceptTheAllowlist() throws Exception {
        List<Endpoint> endpoints = endpoints(mappings);
        assertThat(endpoints).hasSizeGreaterThan(5);
        Map<String, String> refusals = new LinkedHashMap<>();
        List<String> checked = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            String path = concrete(endpoint.pattern(), Map.of("code", "ABCD2345", "deliveryId", "1"));
            if (isPublic(path)) {
                continue;
            }
            MockHttpServletResponse response = mvc.perform(request(endpoint.method(), path).with(csrf()))
                    .andReturn().getResponse();
            checked.add(endpoint.method() + " " + endpoint.pattern());
            boolean refused = response.getStatus() == 401 || response.getStatus() == 403
                    || (response.getStatus() == 302 && response.getRedirectedUrl() != null
                            && (response.getRedirectedUrl().endsWith("/signin")
                                    || response.getRedirectedUrl().endsWith("/enroll")));
            if (!refused) {
                refusals.put(endpoint.method() + " " + endpoint.pattern(), "answered " + response.getStatus());
            }
        }
        assertThat(checked).as("protected endpoints checked")
                .contains("POST /admin/policies", "POST /admin/policies/reset");
        assertThat(refusals).as("endpoints that let a stranger in").isEmpty();
    }

    @Test
    void everyAdministrationPageAndChangeRefusesADispatcher() throws Exception {
        AvisoPrincipal dispatcher = new AvisoPrincipal(AvisoPrincipal.Kind.USER, UUID.randomUUID(), UUID.randomUUID(),
                AvisoRole.DISPATCHER, UUID.randomUUID(), null);
        var signedIn = authentication(UsernamePasswordAuthenticationToken.authenticated(dispatcher, null,
                List.of(new SimpleGrantedAuthority(AvisoRole.DISPATCHER.authority()))));
        Map<String, Integer> answered = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints(mappings)) {
            if (endpoint.pattern().startsWith("/admin")) {
                answered.put(endpoint.method() + " " + endpoint.pattern(), mvc.perform(request(endpoint.method(),
                        concrete(endpoint.pattern(), Map.of())).with(csrf()).with(signedIn)).andReturn().getResponse()
                        .getStatus());
            }
        }
        assertThat(answered).containsKeys("POST /admin/policies", "POST /admin/policies/reset")
                .allSatisfy((endpoint, status) -> assertThat(status).as(endpoint).isEqualTo(403));
    }

    @Test
    void metricsNeedAnAdministratorOrTheScraperToken() throws Exception {
        int status = mvc.perform(request(HttpMethod.GET, "/actuator/prometheus")).andReturn().getResponse().getStatus();
        assertThat(status).isIn(401, 403);
    }

    @Test
    void theAllowlistIsExactlyWhatAStrangerMustReach() {
        assertThat(PublicEndpoints.PATTERNS).containsExactlyInAnyOrder(
                "/", "/signin", "/enroll", "/v", "/v/*", "/webhooks/twilio/status/*", "/webhooks/twilio/inbound",
                "/actuator/health", "/actuator/health/*", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error");
    }
}
