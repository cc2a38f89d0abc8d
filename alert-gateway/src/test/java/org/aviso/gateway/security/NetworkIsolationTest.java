package org.aviso.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * A dispatcher or administrator of one network gets a refusal on every resource of another network: every mapped
 * endpoint is called with the other network's ids in its path and parameters, and the other network's data must
 * not change.
 */
@AvisoTest
@AutoConfigureMockMvc
class NetworkIsolationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    Devices devices;
    @Autowired
    JdbcTemplate jdbc;

    TestData.SmallNetwork ours;
    TestData.SmallNetwork theirs;
    Map<String, String> theirIds = new LinkedHashMap<>();

    @BeforeEach
    void twoNetworks() throws Exception {
        ours = data.smallNetwork("Northside");
        theirs = data.smallNetwork("Southside");
        AvisoPrincipal theirDispatcher = principal(theirs, theirs.accountA().id(), AvisoRole.DISPATCHER,
                theirs.dispatcherA());
        AvisoPrincipal theirAdmin = principal(theirs, theirs.administrator().id(), AvisoRole.ADMINISTRATOR, null);
        var report = reports.logCall(theirDispatcher, theirs.site(), new ReportService.Submission(Salute.unknown(),
                "their report", Optional.empty()));
        reports.claim(theirDispatcher, report.id());
        reports.resolve(theirDispatcher, report.id(), ReportStatus.VERIFIED);
        AlertService.Outcome alert = alerts.compose(theirDispatcher, new AlertService.Composition(AlertKind.ADVISORY,
                Optional.of(report.id()), Optional.empty(), Set.of(theirs.dispatchers()), ""));
        engine.runUntilIdle();
        theSimulatedPhonesHaveAnswered();
        var enrollment = devices.createEnrollment(theirAdmin, theirs.dispatcherB().value(), theirs.site().value());
        var device = devices.enroll(enrollment.code().value(), "phone").orElseThrow();
        String alertCode = jdbc.queryForObject("select code from alert where id = ?", String.class, alert.alert().value());
        theirIds.put("alertId", alert.alert().value().toString());
        theirIds.put("reportId", report.id().value().toString());
        theirIds.put("personId", theirs.dispatcherA().value().toString());
        theirIds.put("groupId", theirs.dispatchers().value().toString());
        theirIds.put("siteId", theirs.site().value().toString());
        theirIds.put("deviceId", device.deviceId().toString());
        theirIds.put("accountId", theirs.accountA().id().toString());
        theirIds.put("code", report.code().value());
        theirIds.put("alertCode", alertCode);
        theirIds.put("id", report.id().value().toString());
        theirIds.put("networkId", theirs.network().value().toString());
        assertThat(pagingPolicy(theirAdmin, "SMS_ONLY")).as("their own paging policy is saved").isEqualTo(302);
    }

    /**
     * The demo's simulated phones answer on a thread of their own: a Signal receipt at once, an SMS's "delivered"
     * status a second after the SMS left (a dispatcher whose random number ends in 7, 8 or 9 is not on Signal and
     * gets one). Such an answer landing while the endpoints are called changed their delivery rows and was blamed on
     * whichever endpoint was being called (a flake: "POST /admin/policies changed their data"); so every answer is
     * in before the fingerprint is taken.
     */
    private void theSimulatedPhonesHaveAnswered() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from delivery where network_id = ? "
                        + "and status in ('QUEUED', 'SENDING', 'SENT')", Long.class, theirs.network().value()))
                        .as("their messages still waiting for the phone's answer").isZero());
    }

    /** Saves a paging policy as the caller, with {@code channels} for on-call and the other tiers left out. */
    private int pagingPolicy(AvisoPrincipal admin, String channels) throws Exception {
        return mvc.perform(request(HttpMethod.POST, "/admin/policies").with(csrf()).with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(admin, null,
                                List.of(new SimpleGrantedAuthority(admin.role().authority())))))
                        .param("onCallChannels", channels).param("onCallWaitMinutes", "3")
                        .param("backupsChannels", "NOT_PAGED").param("coordinatorsChannels", "NOT_PAGED")
                        .param("repeat", "UNTIL_CLAIMED").param("networkId", theirIds.get("networkId")))
                .andReturn().getResponse().getStatus();
    }

    private static AvisoPrincipal principal(TestData.SmallNetwork network, java.util.UUID account, AvisoRole role,
            org.aviso.core.common.PersonId person) {
        return new AvisoPrincipal(AvisoPrincipal.Kind.USER, account, network.network().value(), role,
                person == null ? null : person.value(), null);
    }

    private String fingerprintOfTheirs() {
        String network = theirs.network().value().toString();
        StringBuilder all = new StringBuilder();
        for (String table : List.of("report", "alert", "person", "device", "recipient_track", "delivery",
                "contact_group", "site", "network", "user_account", "incident", "inbound_message", "page_policy",
                "message_template_revision")) {
            String column = table.equals("network") ? "id" : "network_id";
            all.append(jdbc.queryForObject("select coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') from "
                    + table + " t where " + column + "::text = ?", String.class, network));
        }
        all.append(jdbc.queryForObject("select count(*) from alert_approval a join alert l on l.id = a.alert_id "
                + "where l.network_id::text = ?", Long.class, network));
        return all.toString();
    }

    @Test
    void ourDispatcherAndAdministratorAreRefusedEverythingOfTheirs() throws Exception {
        List<String> leaks = new ArrayList<>();
        String before = fingerprintOfTheirs();
        for (AvisoPrincipal caller : List.of(
                principal(ours, ours.accountA().id(), AvisoRole.DISPATCHER, ours.dispatcherA()),
                principal(ours, ours.administrator().id(), AvisoRole.ADMINISTRATOR, null))) {
            var token = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                    List.of(new SimpleGrantedAuthority(caller.role().authority())));
            for (EndpointAuthorizationTest.Endpoint endpoint : EndpointAuthorizationTest.endpoints(mappings)) {
                boolean hasPathIds = endpoint.pattern().contains("{");
                String path = EndpointAuthorizationTest.concrete(endpoint.pattern(), theirIds);
                if (EndpointAuthorizationTest.isPublic(path) || (!hasPathIds && endpoint.method() == HttpMethod.GET)) {
                    continue;
                }
                MockHttpServletRequestBuilder call = request(endpoint.method(), path).with(csrf()).with(authentication(token));
                for (Map.Entry<String, String> id : theirIds.entrySet()) {
                    call = call.param(id.getKey(), id.getValue())
                            .param(id.getKey().replace("Id", ""), id.getValue());
                }
                call = call.param("groups", theirIds.get("groupId")).param("text", "OK").param("channel", "SMS");
                MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
                int status = response.getStatus();
                if (hasPathIds && endpoint.method() == HttpMethod.GET && status < 400) {
                    leaks.add(caller.role() + " " + endpoint.method() + " " + endpoint.pattern() + " answered " + status);
                }
                String after = fingerprintOfTheirs();
                if (!after.equals(before)) {
                    leaks.add(caller.role() + " " + endpoint.method() + " " + endpoint.pattern() + " changed their data");
                    before = after;
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void ourAdministratorChangesOnlyOurPagingPolicyWhateverNetworkTheFormNames() throws Exception {
        String before = fingerprintOfTheirs();
        AvisoPrincipal ourAdmin = principal(ours, ours.administrator().id(), AvisoRole.ADMINISTRATOR, null);

        assertThat(pagingPolicy(ourAdmin, "SIGNAL_AND_SMS")).isEqualTo(302);
        assertThat(jdbc.queryForObject("select on_call_channels from page_policy where network_id = ?", String.class,
                ours.network().value())).isEqualTo("SIGNAL_AND_SMS");
        assertThat(fingerprintOfTheirs()).isEqualTo(before);
    }

}
