package org.aviso.gateway.flow;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.render.SmsSegments;
import org.aviso.core.render.SmsText;
import org.aviso.core.render.TemplateKey;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.alert.TemplateRevisions;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verified alert to English, Spanish and Vietnamese families, on Signal and on SMS, carries the safety-plan steps
 * the dispatcher picked, each in the family's language: whole on Signal, and on SMS whole or in their short form
 * within two segments.
 */
@AvisoTest
class ChosenStepsScenarioTest {

    static final Language VIETNAMESE = Language.of("vi");

    @Autowired
    TestData data;
    @Autowired
    TreeStore tree;
    @Autowired
    SiteProfiles profiles;
    @Autowired
    TemplateRevisions templates;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore store;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    ReportService reports;

    static final Map<String, String> STAY = Map.of(
            "en", "Stay indoors and do not open the door to anyone you do not know, even if they say they are police.",
            "es", "Quédese adentro y no abra la puerta a nadie que no conozca, aunque digan que son policía.",
            "vi", "Ở trong nhà và không mở cửa cho người lạ, kể cả khi họ nói họ là cảnh sát.");
    static final Map<String, String> STAY_SHORT = Map.of("en", "Stay in, do not open the door.",
            "es", "Quédese adentro, no abra la puerta.", "vi", "Ở nhà, đóng cửa.");
    static final Map<String, String> GATE = Map.of(
            "en", "Pick-up today is at the back gate on Oak Street from 2:30 to 3:15 with a teacher.",
            "es", "Hoy la salida es por el portón de atrás en la calle Oak, de 2:30 a 3:15, con una maestra.",
            "vi", "Hôm nay đón con ở cổng sau đường Oak, từ 2:30 đến 3:15, có giáo viên.");
    static final Map<String, String> GATE_SHORT = Map.of("en", "Pick-up: back gate, Oak St, 2:30-3:15.",
            "es", "Salida: portón de atrás, calle Oak, 2:30-3:15.", "vi", "Đón ở cổng sau 2:30-3:15.");
    static final Map<String, String> UNUSED = Map.of("en", "Go to the library.", "es", "Vaya a la biblioteca.",
            "vi", "Đến thư viện.");

    @Test
    void verifiedAlertCarriesTheChosenStepsInEachFamilysLanguageOnSignalAndSms() {
        clock.set(TestClock.START);
        TestData.SmallNetwork network = data.smallNetwork("Steps");
        NetworkRecord record = tree.network(network.network()).orElseThrow();
        Network old = record.network();
        tree.saveNetwork(new NetworkRecord(new Network(old.id(), old.name(),
                List.of(Language.ENGLISH, Language.SPANISH, VIETNAMESE), old.quorum(), old.incidentWindow(),
                old.incidentExpiry(), old.retention(), old.receiptTimeout()), ZoneId.of("America/Los_Angeles")));
        templates.record(network.network(), new TemplateKey(AlertKind.VERIFIED, VIETNAMESE, Channel.SIGNAL),
                Optional.of("Aviso {network}: ĐÃ XÁC NHẬN có hoạt động di trú gần {site} lúc {time}. {instructions} "
                        + "Kiểm tra tại {verifyUrl} với mã {code}. Trả lời OK khi đã đọc."), clock.instant(), "user:test");
        templates.record(network.network(), new TemplateKey(AlertKind.VERIFIED, VIETNAMESE, Channel.SMS),
                // UCS-2: 134 units in two segments, so the fixed words are few and the short forms terse
                Optional.of("ĐÃ XÁC NHẬN gần {site} {time}. {instructions} {verifyUrl} Mã {code}"),
                clock.instant(), "user:test");
        profiles.save(network.network(), network.site(), new SiteProfile(List.of(
                new SiteProfile.Step(STAY, STAY_SHORT), new SiteProfile.Step(UNUSED, Map.of()),
                new SiteProfile.Step(GATE, GATE_SHORT)), Map.of(), List.of(), Map.of()), clock.instant(), "user:test");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        List<Language> languages = List.of(Language.ENGLISH, Language.SPANISH, VIETNAMESE);
        for (Language language : languages) {
            for (SignalStatus signal : List.of(SignalStatus.ON_SIGNAL, SignalStatus.NOT_ON_SIGNAL)) {
                data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), language, signal,
                        null, families);
            }
        }

        var dana = network.dispatcherASignedIn();
        var report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(), "",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        AlertService.Outcome composed = alerts.compose(dana, new AlertService.Composition(
                AlertKind.VERIFIED, Optional.of(report.id()), Optional.of(network.site()), Set.of(families), "",
                List.of(0, 2)));
        assertThat(composed).isInstanceOf(AlertService.Outcome.AwaitingApproval.class);
        AlertService.Outcome sent = alerts.approve(network.dispatcherBSignedIn(), composed.alert());
        assertThat(sent).isInstanceOf(AlertService.Outcome.Sent.class);
        engine.runUntilIdle();

        List<AlertStore.StoredMessage> messages = store.messages(composed.alert());
        for (Language language : languages) {
            String tag = language.tag();
            AlertStore.StoredMessage signal = messages.stream()
                    .filter(m -> m.language().equals(tag) && m.channel() == Channel.SIGNAL).findFirst().orElseThrow();
            assertThat(signal.text()).as(tag + " Signal").contains(STAY.get(tag), GATE.get(tag))
                    .doesNotContain(UNUSED.get(tag));
            AlertStore.StoredMessage sms = messages.stream()
                    .filter(m -> m.language().equals(tag) && m.channel() == Channel.SMS).findFirst().orElseThrow();
            assertThat(SmsSegments.count(sms.text()).segments()).as(tag + " SMS: " + sms.text())
                    .isLessThanOrEqualTo(SmsSegments.ALERT_LIMIT);
            List<String> carried = new ArrayList<>();
            for (List<Map<String, String>> step : List.of(List.of(STAY, STAY_SHORT), List.of(GATE, GATE_SHORT))) {
                String whole = SmsText.forSms(step.get(0).get(tag));
                String shortForm = SmsText.forSms(step.get(1).get(tag));
                carried.add(sms.text().contains(whole) ? whole : shortForm);
            }
            assertThat(sms.text()).as(tag + " SMS carries both steps, whole or short").contains(carried)
                    .doesNotContain(SmsText.forSms(UNUSED.get(tag)));
        }
        assertThat(jdbc.queryForObject("""
                        select count(distinct d.person_id) from delivery d join person p on p.id = d.person_id
                         where d.alert_id = ? and p.language = 'vi'
                        """, Integer.class, composed.alert().value()))
                .as("both Vietnamese families are sent the alert").isEqualTo(2);
    }
}
