package org.aviso.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.aviso.gateway.testing.TestData.signedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.dispatch.RejectionReason;
import org.aviso.core.render.SmsSegments;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A language is data (issue 17 item 5): an administrator adds Vietnamese to a network from the admin pages, with its
 * reply keywords, drill marker and check-page texts, then its templates; no code knows Vietnamese. Before the
 * templates exist the composer refuses an alert that would reach Vietnamese families; after, a verified alert and a
 * drill reach them in Vietnamese, their own words for OK, HELP and STOP work, and the check page speaks Vietnamese.
 * Arabic added the same way is shown right to left.
 */
@AvisoTest
@AutoConfigureMockMvc
class VietnameseAsDataScenarioTest {

    static final Language VI = Language.of("vi");

    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore store;
    @Autowired
    ReportService reports;
    @Autowired
    ReplyHandler replies;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;

    @Test
    void anAdministratorAddsVietnameseAndFamiliesGetAlertsAndAnswerInIt() throws Exception {
        clock.set(TestClock.START);
        TestData.SmallNetwork network = data.smallNetwork("Vn");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        GroupId staff = data.group(network.network(), Optional.of(network.site()), "Staff", Tier.STAFF,
                EnumSet.of(AlertKind.DRILL));
        PersonId onSms = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), VI,
                SignalStatus.NOT_ON_SIGNAL, new PhoneNumber("+15550500017"), null, families);
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), VI, SignalStatus.ON_SIGNAL,
                new PhoneNumber("+15550500021"), null, families);
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF), VI, SignalStatus.ON_SIGNAL,
                new PhoneNumber("+15550500031"), null, staff);

        AlertService.Outcome refused = composeVerified(network, families);
        assertThat(refused).as("no Vietnamese template yet: refused, not sent in English")
                .isInstanceOfSatisfying(AlertService.Outcome.Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.NO_TEMPLATE_FOR_LANGUAGE);
                    assertThat(r.detail()).isEqualTo("vi");
                });

        Map<String, String> vietnamese = Map.of("tag", "VI", "keyword-ACKNOWLEDGE", "ĐƯỢC, DA NHAN",
                "keyword-HELP", "GIÚP", "keyword-STOP", "DỪNG", "keyword-VERIFY", "XÁC MINH", "keyword-JOIN", "THAM GIA",
                "drill-marker", "[DIỄN TẬP]", "check-heading", "Kiểm tra cảnh báo", "check-genuine", "Cảnh báo thật",
                "check-unknown", "Mã không rõ: đừng tin");
        var badForm = post("/admin/languages").with(signedInAs(network.administratorSignedIn())).with(csrf())
                .header("Accept-Language", "es");
        vietnamese.forEach((k, v) -> badForm.param(k, k.equals("keyword-STOP") ? "STOP" : v));
        String refusedPage = mvc.perform(badForm).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(refusedPage).contains("Una palabra clave no puede ser una que Aviso ya conoce");
        assertThat(jdbc.queryForObject("select count(*) from network_language_text where network_id = ?", Long.class,
                network.network().value())).as("a refused form saves nothing").isZero();

        var form = post("/admin/languages").with(signedInAs(network.administratorSignedIn())).with(csrf());
        vietnamese.forEach(form::param);
        mvc.perform(form).andExpect(status().is3xxRedirection());
        String languagesPage = mvc.perform(get("/admin/languages").with(signedInAs(network.administratorSignedIn()))
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(languagesPage).contains("id=\"language-vi\"", "Vietnamese", "id=\"templates-vi\"", "Missing for");

        saveTemplate(network, "VERIFIED", "SIGNAL", "Aviso {network}: ĐÃ XÁC NHẬN có hoạt động di trú gần {site} lúc "
                + "{time}. {instructions} Kiểm tra tại {verifyUrl} với mã {code}. Trả lời ĐƯỢC khi đã đọc.");
        saveTemplate(network, "VERIFIED", "SMS", "{network}: ĐÃ XÁC NHẬN gần {site} {time}. {instructions} {verifyUrl} {code}");
        saveTemplate(network, "DRILL", "SIGNAL", "Aviso {network}: chỉ là diễn tập cho {site} lúc {time}. {instructions} "
                + "Kiểm tra {verifyUrl} mã {code}");
        saveTemplate(network, "DRILL", "SMS", "{network}: diễn tập {site} {time}. {instructions} {verifyUrl} {code}");

        AlertService.Outcome composed = composeVerified(network, families);
        assertThat(composed).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        assertThat(alerts.approve(network.dispatcherBSignedIn(), composed.alert()))
                .isInstanceOf(AlertService.Outcome.Sent.class);
        engine.runUntilIdle();
        List<AlertStore.StoredMessage> messages = store.messages(composed.alert());
        AlertStore.StoredMessage sms = messages.stream().filter(m -> m.language().equals("vi")
                && m.channel() == Channel.SMS).findFirst().orElseThrow();
        assertThat(sms.text()).contains("ĐÃ XÁC NHẬN");
        assertThat(SmsSegments.count(sms.text()).segments()).isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
        assertThat(messages).filteredOn(m -> m.language().equals("vi") && m.channel() == Channel.SIGNAL)
                .singleElement().satisfies(m -> assertThat(m.text()).contains("ĐÃ XÁC NHẬN"));

        String phone = data.phoneOf(network.network(), onSms);
        sms(phone, "được");
        assertThat(jdbc.queryForObject("select state from recipient_track where alert_id = ? and person_id = ?",
                String.class, composed.alert().value(), onSms.value())).isEqualTo("ACKNOWLEDGED");
        assertThat(sms(phone, "Giúp")).as("their word for HELP is answered").isPresent();
        assertThat(jdbc.queryForObject("select count(*) from help_request where person_id = ?", Long.class,
                onSms.value())).as("and after an alert opens a help request").isEqualTo(1L);
        sms(phone, "DỪNG");
        assertThat(jdbc.queryForObject("select sms_opted_out from person where id = ?", Boolean.class, onSms.value()))
                .as("their word for STOP opts them out of SMS").isTrue();

        String code = store.find(network.network(), composed.alert()).orElseThrow().alert().code().value();
        String check = mvc.perform(get("/v/" + code).param("lang", "vi")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(check).contains("Kiểm tra cảnh báo", "Cảnh báo thật", "lang=\"vi\"");

        AlertService.Outcome drill = alerts.compose(network.dispatcherASignedIn(), new AlertService.Composition(
                AlertKind.DRILL, Optional.empty(), Optional.of(network.site()), Set.of(staff), "", List.of()));
        if (drill instanceof AlertService.Outcome.AwaitingApproval) {
            drill = alerts.approve(network.dispatcherBSignedIn(), drill.alert());
        }
        assertThat(drill).isInstanceOf(AlertService.Outcome.Sent.class);
        assertThat(store.messages(drill.alert())).filteredOn(m -> m.language().equals("vi"))
                .isNotEmpty().allSatisfy(m -> assertThat(m.text()).startsWith("[DIỄN TẬP]"));

        var arabic = post("/admin/languages").with(signedInAs(network.administratorSignedIn())).with(csrf());
        Map.of("tag", "ar", "keyword-ACKNOWLEDGE", "تم", "keyword-HELP", "مساعدة", "keyword-STOP", "توقف",
                "keyword-VERIFY", "تحقق", "keyword-JOIN", "انضم", "drill-marker", "[تمرين]", "check-heading", "تحقق من التنبيه",
                "check-genuine", "تنبيه حقيقي", "check-unknown", "رمز غير معروف").forEach(arabic::param);
        mvc.perform(arabic).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/admin/languages").with(signedInAs(network.administratorSignedIn())))
                .andReturn().getResponse().getContentAsString())
                .as("Arabic words are marked right to left").contains("lang=\"ar\" dir=\"rtl\">مساعدة");
    }

    private void saveTemplate(TestData.SmallNetwork network, String kind, String channel, String text) throws Exception {
        mvc.perform(post("/admin/templates/save").with(signedInAs(network.administratorSignedIn())).with(csrf())
                        .param("kind", kind).param("language", "vi").param("channel", channel).param("text", text))
                .andExpect(status().is3xxRedirection());
    }

    private AlertService.Outcome composeVerified(TestData.SmallNetwork network, GroupId families) {
        var dana = network.dispatcherASignedIn();
        var report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(), "",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        return alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED, Optional.of(report.id()),
                Optional.of(network.site()), Set.of(families), "", List.of()));
    }

    private Optional<String> sms(String from, String text) {
        return replies.handle(new InboundReply(Channel.SMS, "+15550009995", Optional.of(new PhoneNumber(from)),
                Optional.empty(), text, Optional.empty(), clock.instant(), false));
    }
}
