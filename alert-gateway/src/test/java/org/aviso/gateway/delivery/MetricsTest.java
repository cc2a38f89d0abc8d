package org.aviso.gateway.delivery;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Prometheus sees deliveries by channel and outcome, the queue, and the time from send to delivered. */
@AvisoTest
@AutoConfigureMockMvc
class MetricsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;

    @Test
    void exposesDeliveriesQueueAndTimeToDeliveredWithoutPersonalData() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Metrics");
        AvisoPrincipal dana = network.dispatcherASignedIn();
        alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY, Optional.empty(),
                Optional.of(network.site()), Set.of(network.dispatchers()), ""));
        engine.runUntilIdle();
        Thread.sleep(300); // the simulated phones answer with a receipt on their own thread

        AvisoPrincipal admin = new AvisoPrincipal(AvisoPrincipal.Kind.USER, network.administrator().id(),
                network.network().value(), AvisoRole.ADMINISTRATOR, null, null);
        String scrape = mvc.perform(get("/actuator/prometheus").with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(admin, null,
                                List.of(new SimpleGrantedAuthority("ROLE_ADMINISTRATOR"))))))
                .andReturn().getResponse().getContentAsString();

        assertThat(scrape).contains("aviso_deliveries_total{channel=\"signal\",outcome=\"accepted\",reason=\"none\"}")
                .contains("aviso_delivery_queue_depth").contains("aviso_delivery_queue_oldest_seconds")
                .contains("aviso_delivery_time_to_delivered_seconds_count{channel=\"signal\"}");
        assertThat(scrape).doesNotContainPattern("\\+1555\\d{7}");
    }
}
