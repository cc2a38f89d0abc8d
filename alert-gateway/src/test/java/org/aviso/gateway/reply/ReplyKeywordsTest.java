package org.aviso.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.alert.AlertStore;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.report.ReportStore;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Keywords by reply: a dispatcher claims a report with CLAIM; anyone checks an alert's code with VERIFY. */
@AvisoTest
class ReplyKeywordsTest {

    @Autowired
    ReplyHandler replies;
    @Autowired
    ReportService reports;
    @Autowired
    ReportStore store;
    @Autowired
    AlertService alerts;
    @Autowired
    AlertStore alertStore;
    @Autowired
    TestData data;
    @Autowired
    org.aviso.gateway.web.Times times;
    @Autowired
    org.aviso.gateway.tree.TreeStore tree;
    @Autowired
    TestClock clock;

    TestData.SmallNetwork lincoln;

    @BeforeEach
    void setUp() {
        clock.set(TestClock.START);
        lincoln = data.smallNetwork("Lincoln");
    }

    private Optional<String> sms(String from, String text) {
        return replies.handle(new InboundReply(Channel.SMS, "+15550009999", Optional.of(new PhoneNumber(from)),
                Optional.empty(), text, Optional.empty(), clock.instant(), false));
    }

    private Report call() {
        return reports.logCall(lincoln.dispatcherASignedIn(), lincoln.site(),
                new ReportService.Submission(Salute.unknown(), "", Optional.empty()));
    }

    @Test
    void aDispatcherClaimsByReplyAndNobodyElseCan() {
        Report report = call();
        PersonId staff = data.person(lincoln.network(), Optional.of(lincoln.site()), Set.of(Role.STAFF),
                Language.ENGLISH, SignalStatus.ON_SIGNAL, "Teacher");

        assertThat(sms(data.phoneOf(lincoln.network(), staff), "CLAIM " + report.code().display()))
                .hasValueSatisfying(a -> assertThat(a).contains("Only enrolled dispatchers"));
        assertThat(store.find(lincoln.network(), report.id()).orElseThrow().report().status())
                .isEqualTo(ReportStatus.NEW);

        Optional<String> claimed = sms(data.phoneOf(lincoln.network(), lincoln.dispatcherA()),
                "CLAIM " + report.code().display());

        assertThat(claimed).hasValueSatisfying(a -> assertThat(a).contains("You have claimed report"));
        Report now = store.find(lincoln.network(), report.id()).orElseThrow().report();
        assertThat(now.status()).isEqualTo(ReportStatus.CLAIMED);
        assertThat(now.claim()).hasValueSatisfying(c -> assertThat(c.by()).isEqualTo(lincoln.dispatcherA()));
        assertThat(sms(data.phoneOf(lincoln.network(), lincoln.dispatcherB()), "CLAIM " + report.code().display()))
                .as("a claim is exclusive").hasValueSatisfying(a -> assertThat(a).doesNotContain("You have claimed"));
        assertThat(store.find(lincoln.network(), report.id()).orElseThrow().report().claim().orElseThrow().by())
                .isEqualTo(lincoln.dispatcherA());
    }

    @Test
    void verifyByReplyTellsAGenuineAlertFromAnUnknownCode() {
        AlertService.Outcome advisory = alerts.compose(lincoln.dispatcherASignedIn(), new AlertService.Composition(
                AlertKind.ADVISORY, Optional.empty(), Optional.of(lincoln.site()), Set.of(lincoln.dispatchers()), ""));
        assertThat(advisory).isInstanceOf(AlertService.Outcome.Sent.class);
        String code = alertStore.find(lincoln.network(), advisory.alert()).orElseThrow().alert().code().display();
        String stranger = TestData.phone().e164();

        AlertStore.StoredAlert sent = alertStore.find(lincoln.network(), advisory.alert()).orElseThrow();
        // the time in the network's zone and the reader's language, as every page shows it (Times), not ISO
        String when = times.dateTime(sent.sentAt().orElse(sent.alert().createdAt()),
                tree.network(lincoln.network()).orElseThrow().zone(), java.util.Locale.ENGLISH);
        assertThat(sms(stranger, "VERIFY " + code)).hasValueSatisfying(a -> assertThat(a).startsWith("Genuine")
                .contains(code).contains("sent " + when + "."));
        assertThat(sms(stranger, "VERIFY ABCD-2345")).hasValueSatisfying(a -> assertThat(a)
                .contains("Unknown code", "do not trust"));
    }
}
