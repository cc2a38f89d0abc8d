package org.aviso.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import org.aviso.core.render.SmsSegments;
import org.aviso.core.render.SmsText;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.simulated.DemoInbox;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 17 item 2, end to end through the composer: a verified alert with the dispatcher's own words in English and in
 * Spanish, to English, Spanish and Vietnamese families (Vietnamese added by the administrator, as data). The composer
 * refuses to send while Vietnamese readers would get words nobody chose for them (409, nothing stored), refuses a
 * forged choice (400, nothing stored), and sends once the dispatcher chose "the English text" for Vietnamese: each
 * family then receives their language's words (or the chosen ones) once, on Signal or by SMS within two segments,
 * and the check page shows each reader theirs.
 */
@AvisoTest
@AutoConfigureMockMvc
class FreeTextPerLanguageScenarioTest {

    static final Language VI = Language.of("vi");
    static final String ENGLISH = "Use the back gate on Oak St.";
    static final String SPANISH = "Use el portón de atrás, calle Oak.";

    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore store;
    @Autowired
    ReportService reports;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DemoInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;

    @Test
    void eachFamilyGetsTheirLanguagesWordsOrTheChosenOnesAndNobodyGetsUnchosenWords() throws Exception {
        clock.set(TestClock.START);
        TestData.SmallNetwork network = data.smallNetwork("Words");
        addVietnamese(network);
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        // the simulated Signal treats numbers ending in 7, 8 or 9 as not on Signal: those get SMS
        Map<PersonId, Language> languageOf = new LinkedHashMap<>();
        Map<PersonId, Channel> channelOf = new LinkedHashMap<>();
        int n = 0;
        for (Language language : List.of(Language.ENGLISH, Language.SPANISH, VI)) {
            n++;
            PersonId onSignal = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                    language, SignalStatus.ON_SIGNAL, new PhoneNumber("+1555061" + n + "001"), null, families);
            PersonId bySms = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                    language, SignalStatus.NOT_ON_SIGNAL, new PhoneNumber("+1555061" + n + "007"), null, families);
            languageOf.put(onSignal, language);
            languageOf.put(bySms, language);
            channelOf.put(onSignal, Channel.SIGNAL);
            channelOf.put(bySms, Channel.SMS);
        }
        var dana = network.dispatcherASignedIn();
        var report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(), "",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);

        // the preview shows a box per language, says Vietnamese has no text, and asks what Vietnamese readers get
        String preview = mvc.perform(compose(network, report.id().value(), families, "preview").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("id=\"text-en\"", "id=\"text-es\"", "id=\"text-vi\"", "Text in Vietnamese",
                "id=\"lacks-vi\"", "id=\"choice-vi\"", "Send the text written in English",
                "Send without free text (steps and template only)");
        assertThat(preview).as("the preview's Vietnamese messages carry no words nobody chose for them")
                .doesNotContain("data-language=\"vi\" data-lacks-text=\"false\"");

        // send without a choice for Vietnamese: refused, in the dispatcher's language, by the field; nothing stored
        String refused = mvc.perform(compose(network, report.id().value(), families, "send").header("Accept-Language", "es"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"choice-vi-error\"",
                "No se envió nada: hay personas de este público que leen vietnamita y no hay texto en vietnamita.",
                ENGLISH, SPANISH);
        assertThat(alertsIn(network)).as("a refused composition stores nothing").isZero();

        // a forged choice: the text of a language nobody wrote in, or a language the network does not have
        mvc.perform(compose(network, report.id().value(), families, "send").param("choices[vi]", "text:vi")
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest());
        String forged = mvc.perform(compose(network, report.id().value(), families, "send")
                        .param("choices[vi]", "text:en").param("choices[fr]", "none").header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(forged).contains("The form names a language this network does not have.");
        assertThat(alertsIn(network)).as("a forged choice stores nothing").isZero();

        // Vietnamese families get the English text, as the dispatcher chose
        String location = mvc.perform(compose(network, report.id().value(), families, "send")
                        .param("choices[vi]", "text:en"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        AlertId alert = new AlertId(UUID.fromString(location.substring("/console/alerts/".length())));
        assertThat(alerts.approve(network.dispatcherBSignedIn(), alert)).isInstanceOf(AlertService.Outcome.Sent.class);
        engine.runUntilIdle();

        Map<Language, String> expected = Map.of(Language.ENGLISH, ENGLISH, Language.SPANISH, SPANISH, VI, ENGLISH);
        List<DemoInbox.Entry> sent = inbox.recent(network.network().value(), 200).stream()
                .filter(e -> e.direction().equals("OUT")).toList();
        for (PersonId family : languageOf.keySet()) {
            Language language = languageOf.get(family);
            List<DemoInbox.Entry> theirs = sent.stream().filter(e -> family.value().equals(e.personId())).toList();
            assertThat(theirs).as(language + " family on " + channelOf.get(family) + ": one message")
                    .hasSize(1).allSatisfy(e -> assertThat(e.channel()).isEqualTo(channelOf.get(family)));
            String body = theirs.get(0).body();
            String words = channelOf.get(family) == Channel.SMS ? SmsText.forSms(expected.get(language))
                    : expected.get(language);
            assertThat(body).as(language + " on " + channelOf.get(family)).contains(words);
            if (language.equals(Language.SPANISH)) {
                assertThat(body).doesNotContain(ENGLISH);
            } else {
                assertThat(body).doesNotContain(SPANISH, SmsText.forSms(SPANISH));
            }
            if (channelOf.get(family) == Channel.SMS) {
                assertThat(SmsSegments.count(body).segments()).as(language + " SMS: " + body)
                        .isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
            }
        }
        assertThat(jdbc.queryForObject("""
                        select count(*) from (select person_id, channel from delivery where alert_id = ?
                         group by person_id, channel having count(*) > 1) twice
                        """, Long.class, alert.value())).as("at most one message per channel per recipient").isZero();

        // the check page shows each reader their language's words, or the ones chosen for it
        String code = store.find(network.network(), alert).orElseThrow().alert().code().value();
        assertThat(check(code, "en")).contains(ENGLISH).doesNotContain(SPANISH);
        assertThat(check(code, "es")).contains(SPANISH).doesNotContain(ENGLISH);
        assertThat(check(code, "vi")).contains(ENGLISH, "Kiểm tra cảnh báo").doesNotContain(SPANISH);

        // the alert's page shows what was chosen for Vietnamese
        String page = mvc.perform(get(location).with(signedInAs(dana)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"language-plan\"", "id=\"plan-vi\"", "data-choice=\"text\"",
                "the text written in English", SPANISH);
        String pageEs = mvc.perform(get(location).with(signedInAs(dana)).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(pageEs).contains("el texto escrito en inglés");
    }

    private MockHttpServletRequestBuilder compose(TestData.SmallNetwork network, UUID report, GroupId families,
            String action) {
        return post("/console/alerts").with(signedInAs(network.dispatcherASignedIn())).with(csrf())
                .param("kind", "VERIFIED").param("report", report.toString())
                .param("site", network.site().value().toString()).param("groups", families.value().toString())
                .param("texts[en]", ENGLISH).param("texts[es]", SPANISH).param("texts[vi]", "  ")
                .param("action", action);
    }

    private long alertsIn(TestData.SmallNetwork network) {
        return jdbc.queryForObject("select count(*) from alert where network_id = ?", Long.class,
                network.network().value());
    }

    private String check(String code, String language) throws Exception {
        return mvc.perform(get("/v/" + code).param("lang", language).header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Vietnamese, added by the administrator as VietnameseAsDataScenarioTest does: its words, then its templates. */
    private void addVietnamese(TestData.SmallNetwork network) throws Exception {
        var form = post("/admin/languages").with(signedInAs(network.administratorSignedIn())).with(csrf());
        Map.of("tag", "vi", "keyword-ACKNOWLEDGE", "ĐƯỢC", "keyword-HELP", "GIÚP", "keyword-STOP", "DỪNG",
                "keyword-VERIFY", "XÁC MINH", "keyword-JOIN", "THAM GIA", "drill-marker", "[DIỄN TẬP]",
                "check-heading", "Kiểm tra cảnh báo", "check-genuine", "Cảnh báo thật",
                "check-unknown", "Mã không rõ: đừng tin").forEach(form::param);
        mvc.perform(form).andExpect(status().is3xxRedirection());
        template(network, "SIGNAL", "Aviso {network}: ĐÃ XÁC NHẬN có hoạt động di trú gần {site} lúc {time}. "
                + "{instructions} Kiểm tra tại {verifyUrl} với mã {code}. Trả lời ĐƯỢC khi đã đọc.");
        template(network, "SMS", "{network}: ĐÃ XÁC NHẬN gần {site} {time}. {instructions} {verifyUrl} {code}");
    }

    private void template(TestData.SmallNetwork network, String channel, String text) throws Exception {
        mvc.perform(post("/admin/templates/save").with(signedInAs(network.administratorSignedIn())).with(csrf())
                        .param("kind", "VERIFIED").param("language", "vi").param("channel", channel).param("text", text))
                .andExpect(status().is3xxRedirection());
    }
}
