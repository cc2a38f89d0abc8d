package org.aviso.gateway.security;

import java.util.List;
import java.util.UUID;

import org.aviso.gateway.testing.AvisoTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A Prometheus scraper reads {@code /actuator/prometheus} with the configured bearer token (the test profile sets
 * {@code aviso.security.metrics-token}); without it, or with any other, it is refused; administrators still get
 * in signed in; and the token opens nothing else.
 */
@AvisoTest
@AutoConfigureMockMvc
class MetricsTokenTest {

    static final String TOKEN = "test-only-scraper-token";

    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse scrape(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void aScraperWithTheTokenReadsTheMetrics() throws Exception {
        MockHttpServletResponse response = scrape(get("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("# TYPE aviso_delivery_queue_depth gauge");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        for (String header : List.of("Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Bearer x" + TOKEN,
                "Bearer " + TOKEN.toUpperCase(), "Basic " + TOKEN, TOKEN, "Bearer ", "Bearer")) {
            assertThat(scrape(get("/actuator/prometheus").header("Authorization", header)).getStatus())
                    .as(header).isEqualTo(401);
        }
    }

    @Test
    void noTokenIsRefused() throws Exception {
        assertThat(scrape(get("/actuator/prometheus")).getStatus()).isEqualTo(401);
        assertThat(scrape(get("/actuator/prometheus").param("token", TOKEN)).getStatus()).as("token in the query")
                .isEqualTo(401);
    }

    @Test
    void aSignedInAdministratorStillGetsInWithoutTheToken() throws Exception {
        MockHttpServletResponse response = scrape(get("/actuator/prometheus").with(signedIn(AvisoRole.ADMINISTRATOR)));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("aviso_delivery_queue_depth");
    }

    @Test
    void aSignedInDispatcherIsRefused() throws Exception {
        assertThat(scrape(get("/actuator/prometheus").with(signedIn(AvisoRole.DISPATCHER))).getStatus())
                .isEqualTo(403);
    }

    @Test
    void theTokenOpensNothingButTheMetrics() throws Exception {
        for (String path : List.of("/console", "/admin", "/api/console/reports", "/demo/inbox")) {
            MockHttpServletResponse response = scrape(get(path).header("Authorization", "Bearer " + TOKEN));
            assertThat(response.getStatus()).as(path).isIn(302, 401, 403);
            assertThat(response.getContentAsString()).as(path).doesNotContain("aviso_");
        }
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(AvisoRole role) {
        AvisoPrincipal principal = new AvisoPrincipal(AvisoPrincipal.Kind.USER, UUID.randomUUID(), UUID.randomUUID(),
                role, null, null);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
    }
}
