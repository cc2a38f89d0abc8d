package org.aviso.gateway.notify.sms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.delivery.DeliveryReports;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scenario, through the real Twilio client and WireMock: a Spanish-speaking family without Signal gets
 * the alert by SMS in Spanish; a signed "delivered" callback marks it DELIVERED; a forged callback gets 403 and
 * changes nothing; PARAR opts them out, and the next alert is not sent to them but counted as opted out.
 */
@AvisoTest
@AutoConfigureMockMvc
class SpanishFamilySmsScenarioTest {

    static final String PUBLIC_BASE = "https://alerts.example.org";
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void twilioAccount(DynamicPropertyRegistry registry) {
        registry.add("aviso.public-base-url", () -> PUBLIC_BASE);
        registry.add("aviso.twilio.account-sid", () -> TwilioApiStubs.ACCOUNT_SID);
        registry.add("aviso.twilio.auth-token", () -> TwilioApiStubs.AUTH_TOKEN);
        registry.add("aviso.twilio.messaging-service-sid", () -> TwilioApiStubs.MESSAGING_SERVICE_SID);
        registry.add("aviso.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    DeliveryReports deliveryReports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSpanishFamilyWithoutSignalIsReachedBySmsThenOptsOutWithParar() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Westside");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED, AlertKind.DRILL, AlertKind.UPDATE, AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM));
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.NOT_ON_SIGNAL, null, families);
        String familyNumber = numberOf(network, family);
        twilio.stubFor(TwilioApiStubs.messagesApi().willReturn(TwilioApiStubs.created(TwilioApiStubs.MESSAGE_SID,
                familyNumber, "ok")));
        AvisoPrincipal a = dispatcher(network, network.accountA().id(), network.dispatcherA());
        AvisoPrincipal b = dispatcher(network, network.accountB().id(), network.dispatcherB());

        var report = reports.logCall(a, network.site(), new ReportService.Submission(Salute.unknown(), "", Optional.empty()));
        reports.claim(a, report.id());
        reports.resolve(a, report.id(), ReportStatus.VERIFIED);
        var first = alerts.compose(a, new AlertService.Composition(AlertKind.VERIFIED, Optional.of(report.id()),
                Optional.empty(), Set.of(families), "Recoja a los niños por el portón de atrás, de 2:30 a 3:15."));
        alerts.approve(b, first.alert());
        engine.runUntilIdle();

        List<LoggedRequest> sends = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
        assertThat(sends).hasSize(1);
        String body = sends.get(0).getBodyAsString();
        Map<String, String> form = form(body);
        assertThat(form.get("To")).isEqualTo(familyNumber);
        String code = org.aviso.core.common.ShortCode.parse(jdbc.queryForObject("select code from alert where id = ?",
                String.class, first.alert().value())).display();
        assertThat(form.get("Body")).contains("CONFIRMADO").contains(code)
                .as("the dispatcher's instructions, spelled in GSM-7 so two segments hold them")
                .contains("Recoja a los niños por el porton de atras, de 2:30 a 3:15.");
        assertThat(org.aviso.core.render.SmsSegments.count(form.get("Body")).segments()).isLessThanOrEqualTo(2);
        long deliveryId = jdbc.queryForObject("select id from delivery where person_id = ? and channel = 'SMS'",
                Long.class, family.value());
        assertThat(form.get("StatusCallback")).isEqualTo(PUBLIC_BASE + "/webhooks/twilio/status/" + deliveryId);
        assertThat(statusOf(deliveryId)).isEqualTo("SENT");

        String statusPath = "/webhooks/twilio/status/" + deliveryId;
        Map<String, String> delivered = Map.of("MessageSid", TwilioApiStubs.MESSAGE_SID, "MessageStatus", "delivered",
                "AccountSid", TwilioApiStubs.ACCOUNT_SID, "To", familyNumber);
        mvc.perform(signed(statusPath, delivered, sign(statusPath, delivered))).andExpect(status().is2xxSuccessful());
        assertThat(statusOf(deliveryId)).isEqualTo("DELIVERED");

        Map<String, String> forged = Map.of("MessageSid", TwilioApiStubs.MESSAGE_SID, "MessageStatus", "undelivered",
                "ErrorCode", "30005", "AccountSid", TwilioApiStubs.ACCOUNT_SID, "To", familyNumber);
        mvc.perform(signed(statusPath, forged, sign(statusPath, delivered))).andExpect(status().isForbidden());
        assertThat(statusOf(deliveryId)).isEqualTo("DELIVERED");

        Map<String, String> parar = Map.of("MessageSid", "SM00000000000000000000000000000001", "From", familyNumber,
                "To", "+15550100000", "Body", "PARAR", "AccountSid", TwilioApiStubs.ACCOUNT_SID);
        String answer = mvc.perform(signed("/webhooks/twilio/inbound", parar, sign("/webhooks/twilio/inbound", parar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("<Message>").contains("COMENZAR");
        assertThat(jdbc.queryForObject("select sms_opted_out from person where id = ?", Boolean.class, family.value()))
                .isTrue();

        var drill = alerts.compose(a, new AlertService.Composition(AlertKind.DRILL, Optional.empty(),
                Optional.of(network.site()), Set.of(families), ""));
        alerts.approve(b, drill.alert());
        engine.runUntilIdle();
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))))
                .as("nothing more was sent to the family that opted out").hasSize(1);
        DeliveryReports.DeliveryReport drillReport = deliveryReports.report(network.network(), drill.alert());
        assertThat(drillReport.byState()).containsEntry("opted_out", 1L);
        assertThat(drillReport.unreachable()).extracting(DeliveryReports.Unreachable::reason).containsExactly("opted_out");
    }

    @Test
    void inAnInstallationWithoutSignalAFamilyOnSignalGetsTheirSmsAtOnceAndNothingWaitsForSignal() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Eastside");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED, AlertKind.DRILL));
        PersonId family = data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY),
                Language.SPANISH, SignalStatus.ON_SIGNAL, null, families);
        twilio.resetRequests();
        twilio.stubFor(TwilioApiStubs.messagesApi().willReturn(TwilioApiStubs.created(TwilioApiStubs.MESSAGE_SID,
                numberOf(network, family), "ok")));
        AvisoPrincipal a = dispatcher(network, network.accountA().id(), network.dispatcherA());
        AvisoPrincipal b = dispatcher(network, network.accountB().id(), network.dispatcherB());

        var drill = alerts.compose(a, new AlertService.Composition(AlertKind.DRILL, Optional.empty(),
                Optional.of(network.site()), Set.of(families), ""));
        alerts.approve(b, drill.alert());
        engine.runUntilIdle();

        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))))
                .as("one SMS, without waiting out the Signal queue limit").hasSize(1);
        assertThat(jdbc.queryForList("select channel || ' ' || status from delivery where person_id = ?", String.class,
                family.value())).as("no Signal message queued on a channel this installation does not have")
                .containsExactly("SMS SENT");
        DeliveryReports.DeliveryReport report = deliveryReports.report(network.network(), drill.alert());
        assertThat(report.messagesByChannel().getOrDefault("SIGNAL", Map.of()).values().stream()
                .mapToLong(Long::longValue).sum()).isZero();
        assertThat(report.messagesByChannel().get("SMS")).containsEntry("sent", 1L);
    }

    private String numberOf(TestData.SmallNetwork network, PersonId person) {
        return data.phoneOf(network.network(), person);
    }

    private String statusOf(long deliveryId) {
        return jdbc.queryForObject("select status from delivery where id = ?", String.class, deliveryId);
    }

    private static AvisoPrincipal dispatcher(TestData.SmallNetwork network, java.util.UUID account, PersonId person) {
        return new AvisoPrincipal(AvisoPrincipal.Kind.USER, account, network.network().value(), AvisoRole.DISPATCHER,
                person.value(), null);
    }

    private static MockHttpServletRequestBuilder signed(String path, Map<String, String> params, String signature) {
        MockHttpServletRequestBuilder request = post(path).header("X-Twilio-Signature", signature)
                .contentType("application/x-www-form-urlencoded");
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return request.content(form.toString());
    }

    /** Twilio's algorithm, written out: HMAC-SHA1 over the public URL and the sorted body parameters. */
    private static String sign(String path, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC_BASE + path);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TwilioApiStubs.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
