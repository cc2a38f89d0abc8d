package org.aviso.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.dispatch.FollowUpQuorum;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.IncidentSettings;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approval as a conversation: the composer asks for approval, the waiting approver is told on Signal or SMS and
 * approves or rejects in the console (never by a reply), a rejection's reason reaches the composer, and the history
 * shows both. Follow-ups of a family-wide alert need the same two people.
 */
@AvisoTest
@AutoConfigureMockMvc
class ApprovalConversationTest {

    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore store;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    ReplyHandler replies;
    @Autowired
    IncidentSettings settings;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestData data;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;

    TestData.SmallNetwork lincoln;
    GroupId families;
    Report verified;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        lincoln = data.smallNetwork("Lincoln");
        families = data.group(lincoln.network(), Optional.of(lincoln.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE, AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM));
        data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.ON_SIGNAL, null, families);
        verified = reports.logCall(lincoln.dispatcherASignedIn(), lincoln.site(),
                new ReportService.Submission(Salute.unknown(), "", Optional.empty()));
        reports.claim(lincoln.dispatcherASignedIn(), verified.id());
        reports.resolve(lincoln.dispatcherASignedIn(), verified.id(), ReportStatus.VERIFIED);
        engine.runUntilIdle();
    }

    private AlertService.Outcome compose() {
        return alerts.compose(lincoln.dispatcherASignedIn(), new AlertService.Composition(AlertKind.VERIFIED,
                Optional.of(verified.id()), Optional.empty(), Set.of(families), "Stay inside"));
    }

    private String page(String path, org.aviso.gateway.security.AvisoPrincipal who) throws Exception {
        return mvc.perform(get(path).with(signedInAs(who)).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theComposerAsksForApprovalAndTheApproverIsToldToOpenTheConsole() throws Exception {
        String preview = mvc.perform(post("/console/alerts").with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf())
                        .header("Accept-Language", "en").param("kind", "VERIFIED")
                        .param("report", verified.id().value().toString()).param("groups", families.value().toString())
                        .param("action", "preview"))
                .andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("id=\"send-button\"", "Ask for approval", "id=\"ask-approval-hint\"");

        Instant asked = clock.instant();
        AlertService.Outcome outcome = compose();
        engine.runUntilIdle();

        assertThat(outcome).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        assertThat(inbox.recent(lincoln.network().value(), 50)).filteredOn(e -> !e.at().isBefore(asked))
                .singleElement().satisfies(e -> {
                    assertThat(e.personId()).isEqualTo(lincoln.dispatcherB().value());
                    assertThat(e.body()).contains("una alerta para Lincoln Elementary espera una segunda aprobación",
                            "/console/alerts/" + outcome.alert().value());
                });
    }

    @Test
    void aReplyNeverApprovesAnAlert() {
        AlertService.Outcome outcome = compose();
        String code = store.find(lincoln.network(), outcome.alert()).orElseThrow().alert().code().display();
        String phoneB = data.phoneOf(lincoln.network(), lincoln.dispatcherB());

        Optional<String> answer = replies.handle(new InboundReply(Channel.SMS, "+15550009999",
                Optional.of(new PhoneNumber(phoneB)), Optional.empty(), "CONFIRM " + code, Optional.empty(),
                clock.instant(), false));

        assertThat(answer).hasValueSatisfying(a -> assertThat(a).contains("consola", "nunca respondiendo"));
        assertThat(store.find(lincoln.network(), outcome.alert()).orElseThrow().status())
                .isEqualTo(AlertStore.Status.AWAITING_APPROVAL);
        assertThat(store.approvals(outcome.alert())).containsExactly(lincoln.dispatcherA());
    }

    @Test
    void anApproverRejectsWithAReasonTheComposerReadsAndTheHistoryShowsBoth() throws Exception {
        AlertService.Outcome outcome = compose();
        String path = "/console/alerts/" + outcome.alert().value();
        assertThat(page(path, lincoln.dispatcherASignedIn())).as("the composer cannot reject their own alert")
                .doesNotContain("id=\"reject-form\"");
        assertThat(page(path, lincoln.dispatcherBSignedIn())).contains("id=\"reject-form\"", "id=\"approve\"");

        String blank = mvc.perform(post(path + "/reject").with(signedInAs(lincoln.dispatcherBSignedIn())).with(csrf())
                        .header("Accept-Language", "es").param("reason", "  "))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("Escriba por qué la rechaza");
        assertThat(store.find(lincoln.network(), outcome.alert()).orElseThrow().status())
                .isEqualTo(AlertStore.Status.AWAITING_APPROVAL);

        mvc.perform(post(path + "/reject").with(signedInAs(lincoln.dispatcherBSignedIn())).with(csrf())
                        .param("reason", "The vans left ten minutes ago; call the school first."))
                .andExpect(status().is3xxRedirection());

        assertThat(store.find(lincoln.network(), outcome.alert()).orElseThrow().status())
                .isEqualTo(AlertStore.Status.REJECTED);
        assertThat(alerts.approve(lincoln.dispatcherBSignedIn(), outcome.alert()))
                .as("a rejected alert is never sent").isInstanceOf(AlertService.Outcome.Refused.class);
        String composerView = page(path, lincoln.dispatcherASignedIn());
        assertThat(composerView).contains("id=\"rejection\"", "Dispatcher B",
                "The vans left ten minutes ago; call the school first.", "composed alert", "asked for approval of alert",
                "rejected alert")
                .doesNotContain("id=\"approve\"");
    }

    @Test
    void anAllClearNeedsTheSecondPersonAndAnUpdateToo_unlessTheNetworkRelaxedUpdates() throws Exception {
        AlertService.Outcome sent = compose();
        alerts.approve(lincoln.dispatcherBSignedIn(), sent.alert());
        engine.runUntilIdle();

        AlertService.Outcome update = alerts.followUp(lincoln.dispatcherASignedIn(), sent.alert(), AlertKind.UPDATE,
                "Pick-up at the side door");
        assertThat(update).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        assertThat(alerts.approve(lincoln.dispatcherASignedIn(), update.alert()))
                .as("the sender approving again does not count twice")
                .isInstanceOf(AlertService.Outcome.AwaitingApproval.class);

        transactions.executeWithoutResult(s -> settings.save(lincoln.network(),
                new IncidentSettings.Settings(Duration.ofMinutes(15), FollowUpQuorum.RELAXED_FOR_UPDATES)));
        assertThat(alerts.followUp(lincoln.dispatcherASignedIn(), sent.alert(), AlertKind.UPDATE, "Side door"))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        AlertService.Outcome allClear = alerts.followUp(lincoln.dispatcherASignedIn(), sent.alert(),
                AlertKind.ALL_CLEAR, "");
        assertThat(allClear).as("relaxing is for updates only").isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        // the approver's page counts the all-clear by whom the alert reached (it has no groups of its own to resolve)
        String approverPage = mvc.perform(get("/console/alerts/" + allClear.alert().value())
                        .with(signedInAs(lincoln.dispatcherBSignedIn())).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(approverPage).contains("id=\"approve\"", "data-kind=\"ALL_CLEAR\"");
        assertThat(store.find(lincoln.network(), sent.alert()).orElseThrow().status()).isEqualTo(AlertStore.Status.SENT);

        assertThat(alerts.approve(lincoln.dispatcherBSignedIn(), allClear.alert()))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        assertThat(store.find(lincoln.network(), sent.alert()).orElseThrow().status())
                .isEqualTo(AlertStore.Status.CANCELLED);
        assertThat(store.find(lincoln.network(), update.alert()).orElseThrow().status())
                .as("the update still waiting when the all-clear went out is withdrawn")
                .isEqualTo(AlertStore.Status.WITHDRAWN);
    }
}
