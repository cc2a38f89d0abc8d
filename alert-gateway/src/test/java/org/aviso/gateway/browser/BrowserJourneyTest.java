package org.aviso.gateway.browser;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import org.aviso.core.common.GroupId;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way from a site contact's phone to a family's SMS and on to the all clear, in a real browser against
 * the running application: a site contact enrolls a phone and reports in Spanish; dispatcher Dana sees the report
 * arrive live, verifies it and composes the alert; dispatcher Sam approves it; the demo inbox shows what staff and
 * families got; a teacher answers OK; Dana sends the all clear to exactly the same people; anyone can check the
 * alert's code. Every page visited is kept as a screenshot, and the pages people depend on are checked with
 * axe-core in English and in Spanish.
 */
@BrowserTest
class BrowserJourneyTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale ES = Locale.forLanguageTag("es");
    private static final String LINCOLN = "Lincoln Elementary";
    private static final Pattern POSITIVE = Pattern.compile("^[1-9][0-9]*$");
    private static final Pattern VERIFY_LINK = Pattern.compile("/v/([A-Z0-9-]+)");
    /** Longer than a delivery takes here (receipts after at most 150 ms), far shorter than the 90 s receipt timeout. */
    private static final Duration DELIVERY = Duration.ofSeconds(15);

    private static final double NAVIGATION_TIMEOUT_MS = 60_000;

    private static Chromium chromium;
    private static PageChecks checks;

    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    TreeStore tree;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageSource messages;
    /** The server's clock: sign-in codes are computed for the time the server checks them at. */
    @Autowired
    Clock clock;

    @BeforeAll
    static void startTheBrowser() {
        chromium = Chromium.launch();
        checks = new PageChecks(Path.of("target", "screenshots"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSpanishReportBecomesAVerifiedAlertForTheSchoolThenAnAllClearToTheSamePeople() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        String base = "http://localhost:" + port;
        try (Visitor phone = Visitor.onPhone(chromium.browser(), base, ES);
                Visitor dana = Visitor.onComputer(chromium.browser(), base, EN);
                Visitor sam = Visitor.onComputer(chromium.browser(), base, ES)) {
            // a page load is not what this journey measures: on a shared, loaded machine (builds at nice 19) the
            // first page the server renders took longer than the usual 10 s twice in four runs
            for (Visitor visitor : List.of(phone, dana, sam)) {
                visitor.context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
            }
            try {
                walkTheJourney(seed, base, phone, dana, sam);
            } catch (AssertionError | RuntimeException failure) {
                checks.lookAtEveryone(failure, phone, dana, sam);
                throw failure;
            }
        }
        checks.assertAccessible();
    }

    private void walkTheJourney(DemoSeeder.DemoSeed seed, String base, Visitor phone, Visitor dana, Visitor sam) {
        enrollThePhone(phone, seed);
        signIn(dana, account(seed, "dana"));
        waitUntilTheQueueIsLive(dana);

        String reportCode = reportFromThePhone(phone);
        seeTheReportArriveWithoutReloading(dana, reportCode);
        claimAndVerify(dana, reportCode);
        Alert alert = composeTheVerifiedAlert(dana, seed);

        signIn(sam, account(seed, "sam"));
        approve(sam, alert);
        watchTheDeliveryComplete(sam, alert);

        String verifyPath = readTheInboxAndAnswerOkAsATeacher(dana, seed, alert);
        seeTheAcknowledgementOnTheAlert(dana, alert);

        Alert allClear = sendTheAllClearInTwoClicks(dana, sam, alert);
        assertThat(reachedPeople(allClear.id()))
                .as("the all clear reaches exactly the people the verified alert reached")
                .isEqualTo(reachedPeople(alert.id()))
                .hasSize(alert.recipients());
        seeTheAllClearReachTheSpanishFamily(dana, allClear);

        checkTheCodeAsAStranger(base, verifyPath, alert);
        seeTheReportVerifiedOnThePhoneWithoutReloading(phone);
    }

    // ---- the site contact's phone

    private void enrollThePhone(Visitor phone, DemoSeeder.DemoSeed seed) {
        String code = seed.enrollments().stream().filter(e -> e.site().equals(LINCOLN)).findFirst().orElseThrow()
                .enrollment().code().display();
        Page page = phone.page;
        // the administrator's link carries the code after '#': the page copies it into the form
        page.navigate("/enroll#" + code);
        expect(page.locator("#code")).hasValue(code);
        expect(page.locator("h1")).hasText(text(ES, "enroll.heading"));
        checks.audit(phone, "phone-enroll");
        page.locator("#enroll-form button[type=submit]").tap();
        expect(page.locator("h1")).hasText(text(ES, "enroll.done.heading"));
        checks.look(page, "phone-enrolled");
        page.locator("a[href$='/report']").tap();
        expect(page.locator("h1")).hasText(text(ES, "report.heading"));
        expect(page.locator(".site-name")).containsText(LINCOLN);
        checks.audit(phone, "phone-report-form");
    }

    private String reportFromThePhone(Visitor phone) {
        Page page = phone.page;
        page.locator("#choices-size").getByLabel(text(ES, "salute.size.TWO_TO_FIVE")).tap();
        page.locator("#choices-activity").getByLabel(text(ES, "salute.activity.WAITING_OR_PARKED")).tap();
        page.locator("#choices-location").getByLabel(text(ES, "salute.location.AT_ENTRANCE")).tap();
        page.locator("#choices-equipment").getByLabel(text(ES, "salute.equipment.UNMARKED_VEHICLES")).tap();
        page.locator("#text").fill("Dos camionetas sin placas frente a la entrada principal.");
        checks.look(page, "phone-report-filled");
        page.locator("#send-report").tap();
        page.waitForURL("**/report/status/**");
        expect(page.locator("#sent-notice")).hasText(text(ES, "report.sent"));
        expect(page.locator("#status-label .badge")).hasText(text(ES, "report.status.NEW"));
        String code = page.locator("#report-code").textContent().strip();
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
        checks.audit(phone, "phone-report-status");
        return code;
    }

    private void seeTheReportVerifiedOnThePhoneWithoutReloading(Visitor phone) {
        // the status page asks the server every 15 s; it has been open far longer than that since the verification
        expect(phone.page.locator("#status-label .badge"))
                .hasText(text(ES, "report.status.VERIFIED"), new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        expect(phone.page.locator("#status-text")).hasText(text(ES, "report.status.VERIFIED.text"));
        checks.look(phone.page, "phone-report-verified");
    }

    // ---- dispatchers

    private void signIn(Visitor dispatcher, UserAccounts.NewAccount account) {
        Page page = dispatcher.page;
        page.navigate("/signin");
        expect(page.locator("h1")).hasText(text(dispatcher.language, "signin.heading"));
        if (dispatcher.language.equals(EN)) {
            checks.audit(dispatcher, "signin");
        } else {
            checks.look(page, "signin-" + dispatcher.languageTag());
        }
        dispatcher.submitSignIn(account, clock.instant());
        page.waitForURL("**/console");
        expect(page.locator("h1")).hasText(text(dispatcher.language, "console.heading"));
    }

    private void waitUntilTheQueueIsLive(Visitor dana) {
        Page page = dana.page;
        expect(page.locator("#live-status")).hasText(text(EN, "console.live.on"));
        expect(page.locator("#queue")).containsText(text(EN, "console.queue.empty"));
        markThePage(page);
        checks.look(page, "console-empty-live");
    }

    private void seeTheReportArriveWithoutReloading(Visitor dana, String reportCode) {
        Page page = dana.page;
        // pushed by the server (server-sent events); the page's own fallback poll is 20 s away
        Locator row = page.locator("#open-reports tr[data-report-id]").filter(new Locator.FilterOptions().setHasText(reportCode));
        expect(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(8_000));
        expect(row).containsText(LINCOLN);
        expect(row).containsText(text(EN, "salute.size.TWO_TO_FIVE"));
        assertNotReloaded(page, "the console, as the report appeared");
        checks.audit(dana, "console-with-new-report");
    }

    private void claimAndVerify(Visitor dana, String reportCode) {
        Page page = dana.page;
        page.locator("#open-reports tr[data-report-id]").filter(new Locator.FilterOptions().setHasText(reportCode))
                .locator("button[id^=claim-]").click();
        page.waitForURL("**/console/reports/*");
        expect(page.locator("#report-holder")).containsText("Dana Brooks");
        expect(page.locator("#report-text")).hasText("Dos camionetas sin placas frente a la entrada principal.");
        checks.audit(dana, "report-claimed");
        page.locator("#resolve-VERIFIED").click();
        expect(page.locator("#report-status .badge")).hasText(text(EN, "report.status.VERIFIED"));
        checks.look(page, "report-verified");
    }

    /** The alert as the console showed it, with the number of people the preview said it would reach. */
    private record Alert(String id, String code, int recipients) {
    }

    private Alert composeTheVerifiedAlert(Visitor dana, DemoSeeder.DemoSeed seed) {
        Page page = dana.page;
        page.locator("#compose-from-report").click();
        page.waitForURL("**/console/alerts/new**");
        String composerUrl = page.url();
        expect(page.locator("#kind-VERIFIED")).isChecked();
        GroupId dispatchers = seed.groups().get("Dispatchers and verifiers");
        GroupId leads = seed.groups().get(LINCOLN + " office and site leads");
        GroupId staff = seed.groups().get(LINCOLN + " teachers and staff");
        GroupId families = seed.groups().get(LINCOLN + " families");
        Set<GroupId> chosen = Set.of(dispatchers, leads, staff, families);
        for (GroupId group : seed.groups().values()) {
            page.locator("#group-" + group.value()).setChecked(chosen.contains(group));
        }
        // the dispatcher's own words in each language of the network (issue 17 item 2)
        page.locator("#text-en").fill("Keep everyone inside; use pick-up plan B at the back gate.");
        page.locator("#text-es").fill("Todos adentro; usen el plan de recogida B en el portón de atrás.");
        checks.audit(dana, "composer");

        page.locator("#preview-button").click();
        Locator counts = page.locator("#recipient-counts");
        int total = members(dispatchers) + members(leads) + members(staff) + members(families);
        expect(counts).containsText(text(EN, "console.preview.total", total));
        expect(tierCount(page, "DISPATCH_AND_NETWORK")).hasText(String.valueOf(members(dispatchers)));
        expect(tierCount(page, "SITE_LEADS")).hasText(String.valueOf(members(leads)));
        expect(tierCount(page, "STAFF")).hasText(String.valueOf(members(staff)));
        expect(tierCount(page, "FAMILIES")).hasText(String.valueOf(members(families)));
        // every language the recipients speak, with the SMS segment count the dispatcher checks before sending
        Locator spanishSms = page.locator("#messages tr[data-language=es][data-channel=SMS]");
        expect(spanishSms).containsText("CONFIRMADO");
        assertThat(Integer.parseInt(spanishSms.getAttribute("data-segments"))).isBetween(1, 2);
        expect(spanishSms.locator("td").nth(2)).hasText(spanishSms.getAttribute("data-segments"));
        expect(page.locator("#messages tr[data-language=en][data-channel=SIGNAL]"))
                .containsText("Keep everyone inside; use pick-up plan B at the back gate.");
        expect(page.locator("#messages tr[data-language=es][data-channel=SIGNAL]"))
                .containsText("Todos adentro; usen el plan de recogida B en el portón de atrás.");
        checks.audit(dana, "composer-preview", twin -> {
            twin.navigate(composerUrl);
            twin.locator("#preview-button").click();
            twin.locator("#recipient-counts").waitFor();
        });

        page.locator("#send-button").click();
        page.waitForURL("**/console/alerts/*");
        expect(page.locator("#awaiting-notice")).hasText(text(EN, "console.alert.missing", 1));
        expect(page.locator("#alert-status")).hasText(text(EN, "console.alertStatus.AWAITING_APPROVAL"));
        expect(page.locator("#you-approved")).isVisible();
        Alert alert = new Alert(page.locator("main").getAttribute("data-alert-id"),
                page.locator("h1 .code").textContent().strip(), total);
        checks.audit(dana, "alert-awaiting-approval");
        return alert;
    }

    private void approve(Visitor sam, Alert alert) {
        Page page = sam.page;
        Locator awaiting = page.locator("#awaiting-" + alert.id());
        expect(awaiting).containsText(alert.code());
        expect(awaiting).containsText("Dana Brooks");
        checks.audit(sam, "console-awaiting-approval");
        page.locator("#approve-" + alert.id()).click();
        page.waitForURL("**/console/alerts/" + alert.id());
        expect(page.locator("#sent-notice")).hasText(text(ES, "console.alert.sentTo", alert.recipients()));
        expect(page.locator("#alert-status")).hasText(text(ES, "console.alertStatus.SENT"));
        expect(page.locator("#approved-by")).containsText("Dana Brooks");
        expect(page.locator("#approved-by")).containsText("Sam Okafor");
        markThePage(page);
    }

    private void watchTheDeliveryComplete(Visitor sam, Alert alert) {
        awaitDelivered(alert.id());
        Page page = sam.page;
        // the delivery view follows by itself (it asks every 3 s): no reload
        expect(page.locator("#delivery-recipients")).hasText(String.valueOf(alert.recipients()));
        expect(page.locator("#delivery-queued")).hasText("0");
        expect(page.locator("[data-count='SIGNAL.delivered']")).hasText(POSITIVE);
        expect(page.locator("[data-count='SMS.delivered']")).hasText(POSITIVE);
        expect(page.locator("[data-count='state.unreachable']")).hasText("0");
        expect(page.locator("#unreachable-none")).isVisible();
        assertNotReloaded(page, "the delivery view, as it filled in");
        checks.audit(sam, "alert-delivered");
    }

    private String readTheInboxAndAnswerOkAsATeacher(Visitor dana, DemoSeeder.DemoSeed seed, Alert alert) {
        Page page = dana.page;
        page.navigate("/demo/inbox");
        // staff on Signal, each in their own language
        Locator tom = sent(page, "SIGNAL", alert).filter(new Locator.FilterOptions().setHasText("Tom Nguyen"));
        Locator ana = sent(page, "SIGNAL", alert).filter(new Locator.FilterOptions().setHasText("Ana Rivera"));
        expect(tom).hasCount(1);
        expect(tom).containsText("CONFIRMED");
        expect(ana).hasCount(1);
        expect(ana).containsText("CONFIRMADA");
        // a Spanish-speaking family without Signal gets an SMS in Spanish
        Locator spanishFamilySms = sent(page, "SMS", alert).and(page.locator("tr[data-language=es]"))
                .filter(new Locator.FilterOptions().setHasText("family"));
        assertThat(spanishFamilySms.count()).isPositive();
        expect(spanishFamilySms.first()).containsText("CONFIRMADO");
        String sms = spanishFamilySms.first().locator("td.message").textContent();
        Matcher link = VERIFY_LINK.matcher(sms);
        assertThat(link.find()).as("the SMS links to the public check: %s", sms).isTrue();
        assertThat(link.group(1)).isEqualTo(alert.code().replace("-", ""));
        checks.audit(dana, "demo-inbox");

        tom.locator("input[name=text]").fill("OK");
        tom.locator("button[type=submit]").click();
        expect(page.locator("main [role=status]")).isVisible();
        expect(page.locator("#inbox tr[data-direction=IN]").filter(new Locator.FilterOptions().setHasText("Tom Nguyen")))
                .containsText("OK");
        checks.look(page, "demo-inbox-teacher-answered");
        UUID tomId = seed.people().get("Tom Nguyen").value();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select state from recipient_track where alert_id = ?::uuid and person_id = ?", String.class,
                alert.id(), tomId)).isEqualTo("ACKNOWLEDGED"));
        return link.group();
    }

    private void seeTheAcknowledgementOnTheAlert(Visitor dana, Alert alert) {
        Page page = dana.page;
        page.navigate("/console/alerts/" + alert.id());
        expect(page.locator("#alert-status")).hasText(text(EN, "console.alertStatus.SENT"));
        expect(page.locator("[data-count='state.acknowledged']")).hasText("1");
        checks.audit(dana, "alert-acknowledged");
    }

    /** Dana asks for the all-clear in two clicks; it needs a second person like the alert did, so Sam approves it. */
    private Alert sendTheAllClearInTwoClicks(Visitor dana, Visitor sam, Alert alert) {
        Page page = dana.page;
        page.locator("#follow-up-ALL_CLEAR").click();
        page.waitForURL("**/follow-up?**");
        expect(page.locator("#follow-up-summary")).containsText(alert.code());
        expect(page.locator("#follow-up-summary")).containsText(String.valueOf(alert.recipients()));
        checks.audit(dana, "all-clear-confirm");
        page.locator("#confirm-follow-up").click();
        page.waitForURL(url -> !url.contains("follow-up"));
        expect(page.locator("main")).hasAttribute("data-kind", "ALL_CLEAR");
        expect(page.locator("#awaiting-notice")).hasText(text(EN, "console.alert.missing", 1));
        expect(page.locator("#follows-up")).containsText(alert.code());
        Alert allClear = new Alert(page.locator("main").getAttribute("data-alert-id"),
                page.locator("h1 .code").textContent().strip(), alert.recipients());
        Page approver = sam.page;
        approver.navigate("/console/alerts/" + allClear.id());
        approver.locator("#approve").click();
        approver.waitForURL("**/console/alerts/" + allClear.id());
        expect(approver.locator("#sent-notice")).hasText(text(ES, "console.alert.sentTo", alert.recipients()));
        checks.look(approver, "all-clear-sent");
        return allClear;
    }

    private void seeTheAllClearReachTheSpanishFamily(Visitor dana, Alert allClear) {
        awaitDelivered(allClear.id());
        Page page = dana.page;
        page.navigate("/demo/inbox");
        Locator spanishFamilySms = sent(page, "SMS", allClear).and(page.locator("tr[data-language=es]"))
                .filter(new Locator.FilterOptions().setHasText("family"));
        expect(spanishFamilySms.first()).containsText("TODO DESPEJADO");
        checks.look(page, "demo-inbox-all-clear");
    }

    /** Lines of the demo inbox: messages Aviso sent on a channel that carry the alert's code. */
    private static Locator sent(Page page, String channel, Alert alert) {
        return page.locator("#inbox tr[data-direction=OUT][data-channel=" + channel + "]")
                .filter(new Locator.FilterOptions().setHasText(alert.code()));
    }

    // ---- anyone

    private void checkTheCodeAsAStranger(String base, String verifyPath, Alert alert) {
        try (Visitor stranger = Visitor.onPhone(chromium.browser(), base, EN)) {
            Page page = stranger.page;
            page.navigate(verifyPath);
            assertGenuine(page, EN, alert);
            checks.audit(stranger, "check-genuine", twin -> {
                twin.navigate(verifyPath);
                assertGenuine(twin, ES, alert);
            });
            String unknown = "/v/" + unknownCode(alert.code());
            page.navigate(unknown);
            expect(page.locator("main section[role=alert] h2")).hasText(text(EN, "check.unknown"));
            checks.audit(stranger, "check-unknown", twin -> {
                twin.navigate(unknown);
                expect(twin.locator("main section[role=alert] h2")).hasText(text(ES, "check.unknown"));
            });
        }
    }

    private void assertGenuine(Page page, Locale language, Alert alert) {
        Locator genuine = page.locator("main section[role=status]");
        expect(genuine.locator("h2")).hasText(text(language, "check.genuine"));
        expect(genuine.locator("dd.code")).hasText(alert.code());
        expect(genuine).containsText(text(language, "alert.kind.VERIFIED"));
        // the all clear has closed it since
        expect(genuine).containsText(text(language, "check.closed"));
    }

    /** A well-formed code that is not the alert's. */
    private static String unknownCode(String code) {
        return code.startsWith("A") ? "B" + code.substring(1) : "A" + code.substring(1);
    }

    // ---- helpers

    /** Leaves a mark in the page that a reload would wipe out. */
    private static void markThePage(Page page) {
        page.evaluate("() => { window.avisoNotReloaded = true; }");
    }

    private static void assertNotReloaded(Page page, String what) {
        assertThat(page.evaluate("() => window.avisoNotReloaded === true")).as("%s was not reloaded", what)
                .isEqualTo(true);
    }

    private Locator tierCount(Page page, String tier) {
        return page.locator("#counts-by-tier tr[data-tier=" + tier + "] td");
    }

    private int members(GroupId group) {
        return tree.members(group).size();
    }

    /** Every recipient has a final answer: delivered (by Signal or, after falling back, by SMS) or unreachable. */
    private void awaitDelivered(String alertId) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from delivery where alert_id = ?::uuid", Long.class, alertId))
                    .as("messages of alert %s", alertId).isPositive();
            assertThat(jdbc.queryForList("select state from recipient_track where alert_id = ?::uuid and not standby",
                    String.class, alertId))
                    .as("where the recipients of alert %s stand", alertId)
                    .doesNotContain("QUEUED", "SENT", "FELL_BACK");
            assertThat(jdbc.queryForObject("select count(*) from delivery where alert_id = ?::uuid "
                            + "and status in ('QUEUED', 'SENDING', 'SENT')", Long.class, alertId))
                    .as("messages of alert %s still on their way", alertId).isZero();
        });
    }

    private Set<UUID> reachedPeople(String alertId) {
        return new HashSet<>(jdbc.queryForList(
                "select person_id from recipient_track where alert_id = ?::uuid and not standby", UUID.class, alertId));
    }

    private static UserAccounts.NewAccount account(DemoSeeder.DemoSeed seed, String username) {
        return seed.accounts().stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }

    private String text(Locale language, String key, Object... args) {
        return messages.getMessage(key, args, language);
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }
}
