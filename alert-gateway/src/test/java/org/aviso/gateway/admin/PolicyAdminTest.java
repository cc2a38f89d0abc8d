package org.aviso.gateway.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.audit.AuditAction;
import org.aviso.gateway.audit.AuditEntry;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.page.PagePolicies;
import org.aviso.gateway.page.PagePolicyStore;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A network administrator changes how a new report pages the dispatchers, on the escalation page. */
@AvisoTest
@AutoConfigureMockMvc
class PolicyAdminTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    PagePolicyStore policies;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    TestData.SmallNetwork network;
    AvisoPrincipal admin;

    @BeforeEach
    void setUp() {
        network = data.smallNetwork("Policy");
        admin = network.administratorSignedIn();
    }

    @Test
    void theNextReportIsPagedWithTheSavedPolicyWhileAPageUnderWayKeepsItsOwn() throws Exception {
        PersonId coordinator = data.person(network.network(), Optional.empty(), Set.of(Role.COORDINATOR),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Coordinator C");
        Report before = report();

        mvc.perform(policy("SIGNAL_THEN_SMS", "1", "NOT_PAGED", "", "SMS_ONLY", "3", "ROUNDS", "0"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/policies"))
                .andExpect(flash().attribute("saved", "admin.saved"));
        Report after = report();
        engine.runUntilIdle();

        clock.advance(Duration.ofMinutes(1));
        engine.runUntilIdle();
        assertThat(channelsPaging(coordinator, after)).as("backups left out: coordinators follow on-call after 1 min")
                .containsExactly("SMS_ONLY");
        assertThat(channelsPaging(coordinator, before)).as("the page under way keeps the default").isEmpty();

        clock.advance(Duration.ofMinutes(6));
        engine.runUntilIdle();
        assertThat(channelsPaging(coordinator, before)).as("the default reaches coordinators after 2 + 5 min")
                .containsExactly("SIGNAL_THEN_SMS");
        assertThat(channelsPaging(coordinator, after)).as("no extra rounds").containsExactly("SMS_ONLY");
    }

    @Test
    void refusesAPolicyThatReachesNobodyAtOnceAndKeepsWhatWasTyped() throws Exception {
        String page = mvc.perform(policy("NOT_PAGED", "dos", "CARRIER_PIGEON", "5", "SMS_ONLY", "90", "FOREVER", "")
                        .header("Accept-Language", "es"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("El despacho de guardia siempre recibe el aviso",
                "Despacho de guardia: escriba un número entero de minutos, de 1 a 60.",
                "Despacho suplente: elija cómo avisarle, o no avisarle.",
                "Coordinación: escriba un número entero de minutos, de 1 a 60.",
                "Elija si el aviso vuelve a empezar", "value=\"dos\"", "value=\"90\"",
                "id=\"coordinatorsChannels-SMS_ONLY\" value=\"SMS_ONLY\" checked=\"checked\"",
                "aria-describedby=\"coordinatorsWaitMinutes-hint coordinatorsWaitMinutes-error\"");
        mvc.perform(policy("SMS_ONLY", "2", "NOT_PAGED", "", "NOT_PAGED", "", "ROUNDS", "11")
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("Enter a whole number of extra rounds from 0 to 10."));

        assertThat(policies.saved(network.network())).isEmpty();
        assertThat(audit.forSubject(AdminChanges.pagePolicySubject(network.network()))).isEmpty();
    }

    @Test
    void resetBringsBackTheDefaultAndBothChangesAreAuditedWithoutTouchingAnotherNetwork() throws Exception {
        TestData.SmallNetwork other = data.smallNetwork("Other");
        mvc.perform(policy("SMS_ONLY", "4", "SIGNAL_AND_SMS", "6", "NOT_PAGED", "", "UNTIL_CLAIMED", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(show(admin)).contains("uses its own policy",
                "id=\"onCallChannels-SMS_ONLY\" value=\"SMS_ONLY\" checked=\"checked\"", "value=\"6\"");
        assertThat(show(other.administratorSignedIn())).contains("uses the built-in default");
        assertThat(policies.inForce(other.network())).isEqualTo(PagePolicies.NEW_REPORT_DEFAULT);

        mvc.perform(post("/admin/policies/reset").with(signedInAs(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/policies"))
                .andExpect(flash().attribute("saved", "admin.policies.resetDone"));
        mvc.perform(post("/admin/policies/reset").with(signedInAs(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(policies.inForce(network.network())).isEqualTo(PagePolicies.NEW_REPORT_DEFAULT);
        assertThat(show(admin)).contains("uses the built-in default",
                "id=\"onCallChannels-SIGNAL_THEN_SMS\" value=\"SIGNAL_THEN_SMS\" checked=\"checked\"");
        List<AuditEntry> entries = audit.forSubject(AdminChanges.pagePolicySubject(network.network()));
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.SETTINGS_CHANGED, AuditAction.SETTINGS_CHANGED);
        assertThat(entries).extracting(AuditEntry::details).containsExactly(
                "saved onCall=SMS_ONLY/4min backups=SIGNAL_AND_SMS/6min coordinators=notPaged repeat=untilClaimed",
                "reset to the built-in default");
        assertThat(entries).extracting(AuditEntry::actor).containsOnly(admin.actor());
    }

    private MockHttpServletRequestBuilder policy(String onCall, String onCallWait, String backups, String backupsWait,
            String coordinators, String coordinatorsWait, String repeat, String extraRounds) {
        return post("/admin/policies").with(signedInAs(admin)).with(csrf())
                .param("onCallChannels", onCall).param("onCallWaitMinutes", onCallWait)
                .param("backupsChannels", backups).param("backupsWaitMinutes", backupsWait)
                .param("coordinatorsChannels", coordinators).param("coordinatorsWaitMinutes", coordinatorsWait)
                .param("repeat", repeat).param("extraRounds", extraRounds);
    }

    private String show(AvisoPrincipal administrator) throws Exception {
        return mvc.perform(get("/admin/policies").with(signedInAs(administrator)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private Report report() {
        AvisoPrincipal dispatcher = network.dispatcherASignedIn();
        return reports.logCall(dispatcher, network.site(),
                new ReportService.Submission(Salute.unknown(), "", Optional.empty()));
    }

    /** The channels each time {@code person} was paged about {@code report}. */
    private List<String> channelsPaging(PersonId person, Report report) {
        return jdbc.queryForList("""
                select t.channel_policy from recipient_track t join escalation e on e.id = t.escalation_id
                 where e.subject = ? and t.person_id = ? order by t.started_at
                """, String.class, "report:" + report.id().value(), person.value());
    }

}
