package org.aviso.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A dispatcher messages the person who made a report from its page: the step's prepared text in the reporter's
 * language, through the outbox, once per step of the report (a second try at the same step sends nothing and says
 * so), audited. A report that names nobody (a logged call) cannot be answered.
 */
@AvisoTest
@AutoConfigureMockMvc
class ReporterCallbackTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    ReporterCallbacks callbacks;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    TestData.SmallNetwork lincoln;
    PersonId rosa;

    @BeforeEach
    void setUp() {
        lincoln = data.smallNetwork("Lincoln");
        rosa = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.SITE_CONTACT), Language.SPANISH,
                SignalStatus.ON_SIGNAL, "Rosa");
    }

    private List<String> sentTo(PersonId person) {
        engine.runUntilIdle();
        return inbox.recent(lincoln.network().value(), 200).stream()
                .filter(e -> e.direction().equals("OUT") && e.personId().equals(person.value()))
                .map(DemoInbox.Entry::body).toList();
    }

    private long callbackMessages() {
        return jdbc.queryForObject("select count(*) from direct_message where network_id = ? and purpose = 'REPORTER_CALLBACK'",
                Long.class, lincoln.network().value());
    }

    @Test
    void onceAtEachStepInTheReportersLanguageAndAudited() throws Exception {
        Report report = reports.submitByMessage(lincoln.network(), lincoln.site(), rosa, "Dos camionetas en la entrada");
        String code = report.code().display();
        String path = "/console/reports/" + report.id().value();

        String page = mvc.perform(get(path).with(signedInAs(lincoln.dispatcherASignedIn())).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).as("the preview, in Rosa's Spanish, on an English console")
                .contains("id=\"callback-send\"", "They will read (Spanish):",
                        "Aviso: su reporte " + code + " llegó a los despachadores.");

        mvc.perform(post(path + "/callback").with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(sentTo(rosa)).filteredOn(b -> b.contains("llegó a los despachadores")).singleElement()
                .satisfies(b -> assertThat(b).contains(code));

        // the same step again, from another dispatcher's tab: refused with a reason, nothing sent
        String refused = mvc.perform(post(path + "/callback").with(signedInAs(lincoln.dispatcherBSignedIn())).with(csrf())
                        .header("Accept-Language", "es"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"callback-error\"", "Ya se escribió a quien reportó en este paso");
        assertThat(callbackMessages()).isEqualTo(1);

        // the report moves on: one more message becomes possible
        reports.claim(lincoln.dispatcherASignedIn(), report.id());
        mvc.perform(post(path + "/callback").with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(sentTo(rosa)).filteredOn(b -> b.contains(code)).hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("un despachador está verificando su reporte"));
        assertThat(callbackMessages()).isEqualTo(2);
        assertThat(jdbc.queryForList("select details from audit_entry where action = 'REPORTER_CALLBACK' and subject = ? "
                + "order by seq", String.class, "report:" + report.id().value()))
                .hasSize(2).satisfiesExactly(d -> assertThat(d).startsWith("step=NEW"),
                        d -> assertThat(d).startsWith("step=CLAIMED"));
        String after = mvc.perform(get(path).with(signedInAs(lincoln.dispatcherBSignedIn())).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("id=\"callback-this-step\"").doesNotContain("id=\"callback-send\"")
                .contains("id=\"callback-sent\"");
    }

    @Test
    void anEnglishReporterReadsEnglish() throws Exception {
        PersonId ann = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.SITE_CONTACT),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Ann");
        Report report = reports.submitByMessage(lincoln.network(), lincoln.site(), ann, "Two vans at the gate");
        mvc.perform(post("/console/reports/" + report.id().value() + "/callback")
                        .with(signedInAs(lincoln.dispatcherBSignedIn())).with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().is3xxRedirection());
        assertThat(sentTo(ann)).filteredOn(b -> b.contains(report.code().display())).singleElement()
                .satisfies(b -> assertThat(b).startsWith("Aviso: your report").contains("reached the dispatchers"));
    }

    @Test
    void twoDispatchersAtOnceSendOneMessage() throws Exception {
        Report report = reports.submitByMessage(lincoln.network(), lincoln.site(), rosa, "Dos camionetas");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<ReporterCallbacks.Outcome>> both = List.of(
                    () -> callbacks.send(lincoln.dispatcherASignedIn(), report.id()),
                    () -> callbacks.send(lincoln.dispatcherBSignedIn(), report.id()));
            List<ReporterCallbacks.Outcome> outcomes = pool.invokeAll(both).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(outcomes).containsExactlyInAnyOrder(ReporterCallbacks.Outcome.SENT,
                    ReporterCallbacks.Outcome.ALREADY_SENT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(callbackMessages()).isEqualTo(1);
        assertThat(sentTo(rosa)).filteredOn(b -> b.contains(report.code().display())).hasSize(1);
    }

    @Test
    void aLoggedCallNamesNobodyToMessage() throws Exception {
        Report call = reports.logCall(lincoln.dispatcherASignedIn(), lincoln.site(),
                new ReportService.Submission(Salute.unknown(), "caller saw vans", Optional.empty()));
        String page = mvc.perform(post("/console/reports/" + call.id().value() + "/callback")
                        .with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf()).header("Accept-Language", "en"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"callback-error\"", "cannot be messaged from here")
                .doesNotContain("id=\"callback-send\"");
        assertThat(callbackMessages()).isZero();
    }
}
