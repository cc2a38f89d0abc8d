package org.aviso.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What families send back reaches a person (issue 17 item 4). AYUDA after an alert is answered with the site's
 * mutual-aid resources in the family's language, pages the site's mutual-aid contact once, and waits on the console
 * until a dispatcher takes it; the alert's check-in counts it. A family's free-text question lands in the console
 * inbox (encrypted at rest), is answered from there, and the answer reaches the family once, on the channel they
 * wrote from.
 */
@AvisoTest
@AutoConfigureMockMvc
class FamiliesAnswerScenarioTest {

    static final String AVISO_NUMBER = "+15550009998";

    @Autowired
    TestData data;
    @Autowired
    ReplyHandler replies;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore alertStore;
    @Autowired
    ReportService reports;
    @Autowired
    SiteProfiles profiles;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox demo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.aviso.gateway.retention.RetentionJob retention;

    TestData.SmallNetwork lincoln;
    GroupId families;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        lincoln = data.smallNetwork("Answers");
        families = data.group(lincoln.network(), Optional.of(lincoln.site()), "Families K-2", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        profiles.save(lincoln.network(), lincoln.site(), new SiteProfile(List.of(), Map.of(), List.of(
                new SiteProfile.Resource(SiteProfile.Kind.LEGAL,
                        Map.of("en", "Eastside Legal Aid", "es", "Ayuda Legal Eastside"), "(555) 010-0100",
                        Map.of("en", "Mon-Fri 9-5", "es", "lun-vie 9-17"), List.of("en", "es")),
                new SiteProfile.Resource(SiteProfile.Kind.FOOD,
                        Map.of("en", "Oak Street Pantry", "es", "Despensa de la calle Oak"), "12 Oak St",
                        Map.of(), List.of("en"))),
                Map.of()), clock.instant(), "user:test");
    }

    @Test
    void ayudaAfterAnAlertAnswersWithResourcesPagesTheMutualAidContactOnceAndWaitsOnTheConsoleUntilTaken()
            throws Exception {
        PersonId family = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.NOT_ON_SIGNAL, new PhoneNumber("+15550200017"), null, families);
        PersonId helper = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.MUTUAL_AID),
                Language.SPANISH, SignalStatus.ON_SIGNAL, new PhoneNumber("+15550200021"), "Rosa (mutual aid)");
        String phone = data.phoneOf(lincoln.network(), family);

        Optional<String> before = sms(phone, "AYUDA");
        assertThat(before).as("AYUDA with no alert: the resources, in Spanish, and no request")
                .hasValueSatisfying(a -> assertThat(a).contains("Ayuda Legal Eastside", "(555) 010-0100",
                        "lun-vie 9-17", "Despensa de la calle Oak").doesNotContain("Avisamos"));
        assertThat(count("select count(*) from help_request where network_id = ?", lincoln.network().value())).isZero();

        AlertId alert = sendVerifiedAlert();
        clock.advance(Duration.ofMinutes(3));
        Optional<String> answer = sms(phone, "ayuda");

        assertThat(answer).hasValueSatisfying(a -> assertThat(a)
                .contains("Avisamos a los contactos de ayuda mutua", "Ayuda Legal Eastside", "(555) 010-0100"));
        engine.runUntilIdle();
        String code = alertStore.find(lincoln.network(), alert).orElseThrow().alert().code().display();
        List<DemoInbox.Entry> pages = pagesTo(helper);
        assertThat(pages).as("the mutual-aid contact is paged once, in Spanish, with the alert's code").hasSize(1);
        assertThat(pages.get(0).body()).contains("pidió ayuda", code, "Families K-2").doesNotContain(phone);

        sms(phone, "AYUDA");
        engine.runUntilIdle();
        assertThat(pagesTo(helper)).as("a second AYUDA to the same alert pages nobody again").hasSize(1);

        String console = page("/console/help", "es");
        UUID request = jdbc.queryForObject("select id from help_request where network_id = ?", UUID.class,
                lincoln.network().value());
        assertThat(console).contains("id=\"help-" + request + "\"", "Pidió ayuda", code, "Families K-2")
                .doesNotContain(phone, "Nadie espera ayuda");
        assertThat(page("/console/alerts/" + alert.value() + "/check-in", "en"))
                .contains("one asked for help", "Families K-2");

        mvc.perform(post("/console/help/{id}/take", request).with(signedInAs(lincoln.dispatcherASignedIn()))
                .with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/console/help/{id}/take", request).with(signedInAs(lincoln.dispatcherBSignedIn()))
                .with(csrf()).header("Accept-Language", "es")).andExpect(status().isConflict());
        assertThat(page("/console/help", "es")).contains("Nadie espera ayuda").doesNotContain("help-" + request);
        assertThat(count("select count(*) from audit_entry where action = 'HELP_REQUEST_TAKEN' and subject = 'help:"
                + request + "'")).isEqualTo(1);
    }

    @Test
    void aFamilysQuestionIsAnsweredFromTheConsoleInboxAndReachesThemOnceOnTheirChannel() throws Exception {
        PersonId family = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.FAMILY),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, new PhoneNumber("+15550200031"), "Room 12 family",
                families);
        String phone = data.phoneOf(lincoln.network(), family);
        String question = "Is the school open tomorrow? My son has a fever.";

        Optional<String> reply = replies.handle(new InboundReply(Channel.SIGNAL, "+15550009998",
                Optional.of(new PhoneNumber(phone)), Optional.empty(), question, Optional.empty(), clock.instant(),
                false));

        assertThat(reply).as("no automatic answer: a person answers").isEmpty();
        UUID message = jdbc.queryForObject("select id from inbound_message where network_id = ? and interpreted = "
                + "'FREE_TEXT'", UUID.class, lincoln.network().value());
        assertThat(count("select count(*) from inbound_message where id = '" + message + "' and position(? in body_ct) > 0",
                (Object) "My son has a fever".getBytes(StandardCharsets.UTF_8))).as("kept encrypted").isZero();
        assertThat(count("select count(*) from message_report where network_id = ?", lincoln.network().value()))
                .as("a known family's question is not a report from an unknown number").isZero();

        String inbox = page("/console/inbox", "es");
        assertThat(inbox).contains(question, "Room 12 family", "Espera respuesta").doesNotContain(phone);

        mvc.perform(post("/console/inbox/{id}/answer", message).param("text", "  ")
                .with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/console/inbox/{id}/answer", message).param("text", "Yes, school is open. Keep him home if he has a fever.")
                .with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/console/inbox/{id}/answer", message).param("text", "School is open.")
                .with(signedInAs(lincoln.dispatcherBSignedIn())).with(csrf()).header("Accept-Language", "en"))
                .andExpect(status().isConflict());
        engine.runUntilIdle();
        clock.advance(Duration.ofMinutes(5));
        engine.runUntilIdle();

        List<DemoInbox.Entry> toFamily = demo.recent(lincoln.network().value(), 100).stream()
                .filter(e -> e.direction().equals("OUT") && family.value().equals(e.personId())).toList();
        assertThat(toFamily).as("the answer reaches the family once, on Signal where they wrote").hasSize(1);
        assertThat(toFamily.get(0).channel()).isEqualTo(Channel.SIGNAL);
        assertThat(toFamily.get(0).body()).isEqualTo("Yes, school is open. Keep him home if he has a fever.");
        assertThat(page("/console/inbox", "en")).contains("Answered by", "Answered");
        assertThat(count("select count(*) from audit_entry where action = 'INBOX_ANSWERED' and subject = 'inbound:"
                + message + "'")).isEqualTo(1);

        clock.advance(Duration.ofDays(31));
        retention.run();
        assertThat(page("/console/inbox", "en")).as("gone at retention with the message it answered")
                .doesNotContain(question).contains("No messages from families.");
        assertThat(count("select count(*) from inbox_answer where network_id = ?", lincoln.network().value())).isZero();
    }

    private AlertId sendVerifiedAlert() {
        var dana = lincoln.dispatcherASignedIn();
        var report = reports.logCall(dana, lincoln.site(), new ReportService.Submission(Salute.unknown(), "",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        AlertService.Outcome composed = alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED,
                Optional.of(report.id()), Optional.of(lincoln.site()), Set.of(families), "", List.of()));
        assertThat(alerts.approve(lincoln.dispatcherBSignedIn(), composed.alert()))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        engine.runUntilIdle();
        return composed.alert();
    }

    private Optional<String> sms(String from, String text) {
        return replies.handle(new InboundReply(Channel.SMS, AVISO_NUMBER, Optional.of(new PhoneNumber(from)),
                Optional.empty(), text, Optional.empty(), clock.instant(), false));
    }

    private List<DemoInbox.Entry> pagesTo(PersonId person) {
        return demo.recent(lincoln.network().value(), 100).stream()
                .filter(e -> e.direction().equals("OUT") && person.value().equals(e.personId())).toList();
    }

    private String page(String path, String language) throws Exception {
        return mvc.perform(get(path).with(signedInAs(lincoln.dispatcherASignedIn())).header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
