package org.aviso.gateway.retention;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.alert.AlertCheck;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.audit.AuditLog;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReporterCallbacks;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@AvisoTest
class RetentionJobTest {

    @Autowired
    RetentionJob retention;
    @Autowired
    TestData data;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertCheck check;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReplyHandler replies;
    @Autowired
    ReporterCallbacks callbacks;

    @Test
    void deletesDetailsOlderThanTheNetworksRetentionAndKeepsCounts() {
        TestData.SmallNetwork network = data.smallNetwork("Retention");
        AvisoPrincipal dana = network.dispatcherASignedIn();
        var old = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "old report text", Optional.empty()));
        reports.claim(dana, old.id());
        reports.resolve(dana, old.id(), ReportStatus.VERIFIED);
        var advisory = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY, Optional.of(old.id()),
                Optional.empty(), Set.of(network.dispatchers()), "watch the gate"));
        var perLanguage = alerts.compose(dana, new AlertService.Composition(AlertKind.ADVISORY, Optional.of(old.id()),
                Optional.empty(), Set.of(network.dispatchers()), "", java.util.List.of(),
                Map.of("en", "watch the back gate", "es", "vigilen el portón de atrás"), Map.of()));
        engine.runUntilIdle();
        assertThat(count("select count(*) from alert where id = ? and free_texts_ct is not null",
                perLanguage.alert().value())).as("the texts per language are stored, encrypted").isOne();
        String code = jdbc.queryForObject("select code from alert where id = ?", String.class, advisory.alert().value());
        long oldDeliveries = count("select count(*) from delivery where alert_id in (?, ?)", advisory.alert().value(),
                perLanguage.alert().value());
        assertThat(oldDeliveries).isPositive();

        clock.advance(Duration.ofDays(29));
        Map<String, Integer> early = retention.run();
        early.remove("unmatchedReceipts"); // installation-wide, not this network's
        assertThat(early.values()).allMatch(deleted -> deleted == 0);

        clock.advance(Duration.ofDays(2));
        var recent = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(),
                "recent report", Optional.empty()));
        Map<String, Integer> deleted = retention.run();

        assertThat(deleted.get("reports")).isEqualTo(1);
        assertThat(deleted.get("deliveries")).isEqualTo((int) oldDeliveries);
        assertThat(count("select count(*) from report where id = ?", old.id().value())).isZero();
        assertThat(count("select count(*) from report where id = ?", recent.id().value())).isOne();
        assertThat(count("select count(*) from alert_message where alert_id = ?", advisory.alert().value())).isZero();
        assertThat(count("select count(*) from alert where id = ? and instructions_ct is null", advisory.alert().value()))
                .isOne();
        assertThat(count("select count(*) from alert where id = ? and free_texts_ct is null", perLanguage.alert().value()))
                .as("the dispatcher's words per language go with the instructions").isOne();
        assertThat(count("select count(*) from alert_message where alert_id = ?", perLanguage.alert().value())).isZero();
        assertThat(count("select count(*) from escalation where subject = ?", "report:" + old.id().value())).isZero();
        assertThat(check.check(code)).as("an old code can still be checked").isInstanceOf(AlertCheck.Genuine.class);

        Map<String, Long> totals = retention.totals(network.network().value());
        assertThat(totals).containsEntry("reports.VERIFIED", 1L).containsEntry("alerts.ADVISORY", 2L);
        assertThat(totals.keySet()).anyMatch(metric -> metric.startsWith("deliveries.SIGNAL."));
        assertThat(audit.verifyChain().intact()).isTrue();

        Map<String, Integer> again = retention.run();
        again.remove("unmatchedReceipts");
        assertThat(again.values()).allMatch(d -> d == 0);
        assertThat(retention.totals(network.network().value())).isEqualTo(totals);
    }

    /**
     * Issue 18's data goes too: the reason an approver gave for rejecting an alert (the alert's row stays), the
     * lower-trust queue of messages from unknown numbers (their numbers and words) whatever became of them, and the
     * messages a dispatcher sent a reporter (with the record of which step was answered, through the report).
     */
    @Test
    void rejectionReasonsMessageReportsAndMessagesToReportersGo() {
        clock.set(TestClock.START);
        TestData.SmallNetwork network = data.smallNetwork("Rejections");
        jdbc.update("insert into inbound_account (account, network_id) values (?, ?) on conflict (account) do update "
                + "set network_id = excluded.network_id", AVISO_NUMBER, network.network().value());
        AvisoPrincipal dana = network.dispatcherASignedIn();
        var verified = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(), "vans",
                Optional.empty()));
        reports.claim(dana, verified.id());
        reports.resolve(dana, verified.id(), ReportStatus.VERIFIED);
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.ON_SIGNAL, null, families);
        var waiting = alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED, Optional.of(verified.id()),
                Optional.empty(), Set.of(families), "Stay inside"));
        alerts.reject(network.dispatcherBSignedIn(), waiting.alert(), "The photo is from last year");
        sms("+15550177701", "hay carros de la migra en la entrada");
        sms("+15550177702", "vans by the gym");
        PersonId rosa = data.person(network.network(), Optional.of(network.site()), Set.of(Role.SITE_CONTACT),
                Language.SPANISH, SignalStatus.ON_SIGNAL, "Rosa");
        var byMessage = reports.submitByMessage(network.network(), network.site(), rosa, "Dos camionetas");
        assertThat(callbacks.send(dana, byMessage.id())).isEqualTo(ReporterCallbacks.Outcome.SENT);
        engine.runUntilIdle();
        UUID queued = jdbc.queryForObject("select id from message_report where network_id = ? order by received_at limit 1",
                UUID.class, network.network().value());
        jdbc.update("update message_report set status = 'DISMISSED' where id = ?", queued);
        assertThat(count("select count(*) from alert_rejection where alert_id = ?", waiting.alert().value())).isOne();
        assertThat(count("select count(*) from message_report where network_id = ?", network.network().value()))
                .isEqualTo(2);
        assertThat(count("select count(*) from reporter_callback where report_id = ?", byMessage.id().value())).isOne();

        clock.advance(Duration.ofDays(29));
        Map<String, Integer> early = retention.run();
        assertThat(early).containsEntry("rejectionReasons", 0).containsEntry("messageReports", 0);
        assertThat(count("select count(*) from message_report where network_id = ?", network.network().value()))
                .isEqualTo(2);

        clock.advance(Duration.ofDays(2));
        sms("+15550177703", "police car at the corner");
        Map<String, Integer> deleted = retention.run();

        assertThat(deleted).containsEntry("rejectionReasons", 1).containsEntry("messageReports", 2);
        assertThat(count("select count(*) from alert_rejection where alert_id = ?", waiting.alert().value())).isZero();
        assertThat(jdbc.queryForObject("select status from alert where id = ?", String.class, waiting.alert().value()))
                .as("the alert's row stays, without the words").isEqualTo("REJECTED");
        assertThat(count("select count(*) from message_report where network_id = ?", network.network().value()))
                .as("only the message that came within the retention period remains").isOne();
        assertThat(count("select count(*) from direct_message where network_id = ? and purpose = 'REPORTER_CALLBACK'",
                network.network().value())).isZero();
        assertThat(count("select count(*) from reporter_callback")).isZero();
        assertThat(retention.totals(network.network().value()))
                .containsEntry("messageReports.NEW", 1L).containsEntry("messageReports.DISMISSED", 1L);
        assertThat(audit.verifyChain().intact()).isTrue();
    }

    static final String AVISO_NUMBER = "+15550009998";

    private void sms(String from, String text) {
        assertThat(replies.handle(new InboundEvents.InboundReply(Channel.SMS, AVISO_NUMBER,
                Optional.of(new PhoneNumber(from)), Optional.empty(), text, Optional.empty(), clock.instant(), false)))
                .as("the sender's receipt").isPresent();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
