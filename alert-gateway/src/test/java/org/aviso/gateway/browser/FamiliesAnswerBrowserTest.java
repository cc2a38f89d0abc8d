package org.aviso.gateway.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.microsoft.playwright.Page;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.aviso.gateway.profile.SiteProfile;
import org.aviso.gateway.profile.SiteProfiles;
import org.aviso.gateway.reply.ReplyHandler;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pages where what families send back reaches a person (issue 17), in a real browser with axe-core, in English
 * on a computer and in Spanish on a phone: help requests (and taking one), the inbox (and answering), an alert's
 * check-in. Screenshots go to target/screenshots/b17.
 */
@BrowserTest
@org.springframework.context.annotation.Import(FamiliesAnswerBrowserTest.Data.class)
class FamiliesAnswerBrowserTest {

    @org.springframework.boot.test.context.TestConfiguration
    static class Data {
        @org.springframework.context.annotation.Bean
        TestData testData(org.aviso.gateway.tree.TreeStore tree, org.aviso.gateway.security.UserAccounts accounts) {
            return new TestData(tree, accounts);
        }
    }

    private static final Locale EN = Locale.ENGLISH;
    private static Chromium chromium;
    private static PageChecks checks;

    @LocalServerPort
    int port;
    @Autowired
    TestData data;
    @Autowired
    SiteProfiles profiles;
    @Autowired
    ReportService reports;
    @Autowired
    AlertService alerts;
    @Autowired
    ReplyHandler replies;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageSource messages;
    @Autowired
    Clock clock;

    @BeforeAll
    static void startTheBrowser() {
        chromium = Chromium.launch();
        checks = new PageChecks(Path.of("target", "screenshots", "b17"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void helpRequestsInboxAndCheckInPassTheAuditInEnglishAndSpanish() throws Exception {
        TestData.SmallNetwork network = data.smallNetwork("Lincoln");
        GroupId families = data.group(network.network(), Optional.of(network.site()), "Families K-2", Tier.FAMILIES,
                EnumSet.of(AlertKind.VERIFIED));
        profiles.save(network.network(), network.site(), new SiteProfile(List.of(), Map.of(), List.of(
                new SiteProfile.Resource(SiteProfile.Kind.LEGAL,
                        Map.of("en", "Eastside Legal Aid", "es", "Ayuda Legal Eastside"), "(555) 010-0100",
                        Map.of(), List.of("en", "es"))), Map.of()), clock.instant(), "user:test");
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.MUTUAL_AID), Language.SPANISH,
                SignalStatus.ON_SIGNAL, new PhoneNumber("+15550400021"), "Rosa");
        PhoneNumber ana = new PhoneNumber("+15550400017");
        PhoneNumber ben = new PhoneNumber("+15550400027");
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.SPANISH,
                SignalStatus.NOT_ON_SIGNAL, ana, "Room 12 family", families);
        data.person(network.network(), Optional.of(network.site()), Set.of(Role.FAMILY), Language.ENGLISH,
                SignalStatus.NOT_ON_SIGNAL, ben, "Room 4 family", families);
        var dana = network.dispatcherASignedIn();
        var report = reports.logCall(dana, network.site(), new ReportService.Submission(Salute.unknown(), "",
                Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        AlertService.Outcome composed = alerts.compose(dana, new AlertService.Composition(AlertKind.VERIFIED,
                Optional.of(report.id()), Optional.of(network.site()), Set.of(families), "", List.of()));
        alerts.approve(network.dispatcherBSignedIn(), composed.alert());
        for (int i = 0; i < 100 && jdbc.queryForObject("select count(*) from recipient_track where alert_id = ? "
                + "and started_at is not null", Long.class, composed.alert().value()) < 2; i++) {
            Thread.sleep(100);
        }
        replies.handle(sms(ana, "AYUDA"));
        replies.handle(sms(ben, "Is pick-up at the back gate today?"));

        try (Visitor visitor = Visitor.onComputer(chromium.browser(), "http://localhost:" + port, EN)) {
            Page page = visitor.page;
            page.navigate("/signin");
            visitor.submitSignIn(network.accountA(), clock.instant());
            page.waitForURL(url -> !url.contains("/signin"));

            page.navigate("/console/help");
            assertThat(page.locator("#help-requests li")).hasCount(1);
            checks.audit(visitor, "help-requests");

            page.navigate("/console/alerts/" + composed.alert().value() + "/check-in");
            assertThat(page.locator("#checkin-table")).isVisible();
            checks.audit(visitor, "check-in");

            page.navigate("/console/inbox");
            assertThat(page.locator("#inbox-items")).containsText("Is pick-up at the back gate today?");
            checks.audit(visitor, "inbox");
            page.locator("#inbox-items textarea").fill("Yes, the back gate on Oak Street, from 2:30.");
            page.locator("#inbox-items button[type=submit]").click();
            assertThat(page.locator("#inbox-sent")).hasText(messages.getMessage("inbox.sent", null, EN));
            checks.audit(visitor, "inbox-answered");

            page.navigate("/console/help");
            page.locator("#help-requests button[type=submit]").click();
            assertThat(page.locator("#help-empty")).isVisible();
            checks.audit(visitor, "help-taken");
        }
        try (Visitor visitor = Visitor.onComputer(chromium.browser(), "http://localhost:" + port, EN)) {
            Page page = visitor.page;
            page.navigate("/signin");
            visitor.submitSignIn(network.administrator(), clock.instant());
            page.waitForURL(url -> !url.contains("/signin"));
            page.navigate("/admin/languages");
            assertThat(page.locator("#languages-table")).isVisible();
            checks.audit(visitor, "languages");
            Map<String, String> arabic = Map.of("tag", "ar", "keyword-ACKNOWLEDGE", "تم", "keyword-HELP", "مساعدة",
                    "keyword-STOP", "توقف", "keyword-VERIFY", "تحقق", "keyword-JOIN", "انضم", "drill-marker", "[تمرين]",
                    "check-heading", "تحقق من التنبيه", "check-genuine", "تنبيه حقيقي", "check-unknown", "رمز غير معروف");
            arabic.forEach((field, value) -> page.locator("#" + field).fill(value));
            page.locator("#keyword-STOP").fill("STOP");
            page.locator("#add-language").click();
            assertThat(page.locator("#form-errors")).isVisible();
            checks.look(page, "languages-refused");
            page.locator("#keyword-STOP").fill("توقف");
            page.locator("#add-language").click();
            assertThat(page.locator("#language-ar")).isVisible();
            assertThat(page.locator("#language-ar [dir=rtl]").first()).isVisible();
            checks.audit(visitor, "languages-arabic-added");
        }
        assertThat(checks.audited()).hasSize(2 * 7);
        checks.assertAccessible();
    }

    private InboundReply sms(PhoneNumber from, String text) {
        return new InboundReply(Channel.SMS, "+15550009996", Optional.of(from), Optional.empty(), text,
                Optional.empty(), clock.instant(), false);
    }
}
