package org.aviso.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.reply.ReplyHandler;
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
 * Reports by message. A free-text SMS from an unknown number lands in the lower-trust queue and its sender gets a
 * code; the 21st message in an hour from that number is refused with a clear reply; a dispatcher promotes one into
 * an incident, which pages. A site contact's text becomes a report of their site at once.
 */
@AvisoTest
@AutoConfigureMockMvc
class ReportsByMessageScenarioTest {

    static final String AVISO_NUMBER = "+15550009999";

    @Autowired
    ReplyHandler replies;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    TestData data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;

    TestData.SmallNetwork lincoln;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        lincoln = data.smallNetwork("Lincoln");
        jdbc.update("insert into inbound_account (account, network_id) values (?, ?) on conflict (account) do update "
                + "set network_id = excluded.network_id", AVISO_NUMBER, lincoln.network().value());
    }

    private Optional<String> sms(String from, String text) {
        return replies.handle(new InboundReply(Channel.SMS, AVISO_NUMBER, Optional.of(new PhoneNumber(from)),
                Optional.empty(), text, Optional.empty(), clock.instant(), false));
    }

    private List<Map<String, Object>> queue() {
        return jdbc.queryForList("select id, code, status, report_id from message_report where network_id = ? "
                + "order by received_at, code", lincoln.network().value());
    }

    @Test
    void anUnknownNumbersTextIsQueuedWithACodeLimitedPerHourAndPromotedIntoAnIncident() throws Exception {
        String stranger = TestData.phone().e164();

        Optional<String> first = sms(stranger, "Hay dos camionetas de la migra frente a la escuela");

        assertThat(queue()).hasSize(1);
        String code = (String) queue().get(0).get("code");
        assertThat(first).hasValueSatisfying(reply -> assertThat(reply)
                .contains("recibimos su mensaje como reporte", org.aviso.core.common.ShortCode.parse(code).display()));
        assertThat(jdbc.queryForObject("select count(*) from report where network_id = ?", Long.class,
                lincoln.network().value()))
                .as("nothing pages before a dispatcher looks at it").isZero();

        for (int i = 2; i <= 20; i++) {
            clock.advance(Duration.ofMinutes(2));
            assertThat(sms(stranger, "Still two vans, message " + i)).hasValueSatisfying(r -> assertThat(r)
                    .contains("we received your message as report"));
        }
        clock.advance(Duration.ofMinutes(1));
        Optional<String> refused = sms(stranger, "Still there, message 21");

        assertThat(refused).hasValueSatisfying(r -> assertThat(r).contains("you sent 20 reports in the last hour",
                "was not recorded", "call your rapid response hotline"));
        assertThat(queue()).hasSize(20);
        assertThat(sms(TestData.phone().e164(), "Agents at the bus stop")).as("the limit is per sender")
                .hasValueSatisfying(r -> assertThat(r).contains("we received your message"));
        assertThat(jdbc.queryForObject("select count(*) from message_report where position(? in sender_ct) > 0",
                Long.class, (Object) stranger.substring(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("the number is kept encrypted").isZero();

        String page = mvc.perform(get("/console/message-reports").with(signedInAs(lincoln.dispatcherASignedIn()))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"low-trust-queue\"", "Low trust · by message",
                "Hay dos camionetas de la migra frente a la escuela").doesNotContain(stranger);

        UUID message = (UUID) queue().get(0).get("id");
        mvc.perform(post("/console/message-reports/{id}/promote", message).with(signedInAs(lincoln.dispatcherASignedIn()))
                        .with(csrf()).header("Accept-Language", "es"))
                .andExpect(status().isBadRequest());
        String redirect = mvc.perform(post("/console/message-reports/{id}/promote", message)
                        .with(signedInAs(lincoln.dispatcherASignedIn())).with(csrf())
                        .param("site", lincoln.site().value().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID report = UUID.fromString(redirect.substring("/console/reports/".length()));

        Map<String, Object> promoted = jdbc.queryForMap("select trust, by_message, incident_id from report where id = ?",
                report);
        assertThat(promoted).containsEntry("trust", "UNENROLLED").containsEntry("by_message", true);
        assertThat(promoted.get("incident_id")).isNotNull();
        assertThat(jdbc.queryForObject("select status from message_report where id = ?", String.class, message))
                .isEqualTo("PROMOTED");
        engine.runUntilIdle();
        assertThat(inbox.recent(lincoln.network().value(), 50)).filteredOn(e -> e.direction().equals("OUT"))
                .as("the promoted report pages the dispatchers, marked low trust")
                .extracting(DemoInbox.Entry::personId).contains(lincoln.dispatcherA().value());
        String reportPage = mvc.perform(get(redirect).with(signedInAs(lincoln.dispatcherBSignedIn()))
                        .header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(reportPage).contains("id=\"by-message\"", "id=\"low-trust-warning\"");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'MESSAGE_REPORT_PROMOTED' "
                + "and subject = ?", Long.class, "message-report:" + message)).isEqualTo(1L);

        UUID other = (UUID) queue().get(1).get("id");
        mvc.perform(post("/console/message-reports/{id}/dismiss", other).with(signedInAs(lincoln.dispatcherBSignedIn()))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select status from message_report where id = ?", String.class, other))
                .isEqualTo("DISMISSED");

        clock.advance(Duration.ofMinutes(61));
        assertThat(sms(stranger, "They left")).as("an hour later the sender may write again")
                .hasValueSatisfying(r -> assertThat(r).contains("we received your message"));
    }

    @Test
    void aSiteContactsTextIsAReportOfTheirSiteAndKeywordsStillWork() {
        PersonId contact = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.SITE_CONTACT),
                Language.SPANISH, SignalStatus.ON_SIGNAL, "Front office");
        String phone = data.phoneOf(lincoln.network(), contact);

        Optional<String> answer = sms(phone, "Two unmarked vans at the gate");

        Map<String, Object> report = jdbc.queryForMap(
                "select code, trust, by_message, site_id, reporter_person_id from report where network_id = ?",
                lincoln.network().value());
        assertThat(report).containsEntry("trust", "ENROLLED_SITE_CONTACT").containsEntry("by_message", true)
                .containsEntry("site_id", lincoln.site().value()).containsEntry("reporter_person_id", contact.value());
        assertThat(answer).hasValueSatisfying(r -> assertThat(r).contains("recibimos su reporte",
                org.aviso.core.common.ShortCode.parse((String) report.get("code")).display()));
        assertThat(queue()).isEmpty();
        engine.runUntilIdle();
        assertThat(inbox.recent(lincoln.network().value(), 50)).filteredOn(e -> e.direction().equals("OUT")
                        && e.body().contains(org.aviso.core.common.ShortCode.parse((String) report.get("code")).display()))
                .extracting(DemoInbox.Entry::personId)
                .contains(lincoln.dispatcherA().value(), lincoln.dispatcherB().value());

        Optional<String> ok = sms(phone, "OK");
        assertThat(jdbc.queryForObject("select count(*) from report where network_id = ?", Long.class,
                lincoln.network().value())).as("OK stays an acknowledgement").isEqualTo(1L);
        assertThat(ok).isPresent();
    }
}
