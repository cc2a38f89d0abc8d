package org.aviso.gateway.browser;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.aviso.core.report.Report;
import org.aviso.core.report.Salute;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.report.ReportService;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.DatabaseCleaner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 15 item 4 on a phone, as a volunteer dispatcher at night: a refused note says what is missing next to the
 * field and keeps what was typed; a note (what was seen, how, by whom) lands in the incident's timeline; the page
 * is audited with axe in English and, on a second phone, in Spanish. Screenshots: target/screenshots/b16/console-note/.
 */
@BrowserTest
class ConsoleNoteBrowserTest {

    private static Chromium chromium;
    private static PageChecks checks;

    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    ReportService reports;
    @Autowired
    Clock clock;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext spring;

    @BeforeEach
    void emptyTables() {
        DatabaseCleaner.clean(dataSource);
        spring.getBeansOfType(CleanDatabaseExtension.ResetAfterClean.class).values()
                .forEach(CleanDatabaseExtension.ResetAfterClean::reset);
    }

    @BeforeAll
    static void startTheBrowser() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        chromium = Chromium.launch();
        checks = new PageChecks(Path.of("target", "screenshots", "b16", "console-note"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aDispatcherOnAPhoneRecordsHowAReportWasVerifiedAndReadsItInTheTimeline() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        var account = seed.accounts().stream().filter(a -> a.username().equals("dana")).findFirst().orElseThrow();
        AvisoPrincipal dana = new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(), seed.network().value(),
                AvisoRole.DISPATCHER, seed.people().get("Dana Brooks").value(), null);
        Report report = reports.logCall(dana, seed.sites().get("Lincoln Elementary"),
                new ReportService.Submission(Salute.unknown(), "Two vans at the north gate", Optional.empty()));
        UUID id = report.id().value();

        try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, Locale.ENGLISH)) {
            phone.context.setDefaultTimeout(30_000);
            Page page = phone.page;
            page.navigate("/signin");
            phone.submitSignIn(account, clock.instant());
            page.waitForURL("**/console");
            page.navigate("/console/reports/" + id);
            page.locator("#claim").tap();
            assertThat(page.locator("#report-holder")).containsText("Dana");

            // nothing chosen, nothing written: refused next to the fields, what was typed stays
            page.locator("#note-by-whom").fill("Rosa, verifier at the gate");
            page.locator("#note-add").tap();
            assertThat(page.locator("#note-how-error")).hasText("Choose how it was checked.");
            assertThat(page.locator("#note-seen-error")).hasText("Write what was seen.");
            assertThat(page.locator("#note-by-whom")).hasValue("Rosa, verifier at the gate");
            checks.look(page, "note-refused-en-phone");

            page.locator("#note-form").getByText("Seen in person").tap();
            page.locator("#note-seen").fill("Two grey vans parked at the north gate; nobody got out.");
            page.locator("#note-add").tap();
            assertThat(page.locator("#note-saved")).isVisible();
            var noted = page.locator("#timeline tr[data-action=REPORT_NOTED]");
            assertThat(noted).containsText("added a verification note to report");
            assertThat(noted).containsText("Seen in person");
            assertThat(noted).containsText("Two grey vans parked at the north gate; nobody got out.");
            assertThat(noted).containsText("Rosa, verifier at the gate");
            // who wrote it: the signed-in account (the timeline names accounts by their user name)
            assertThat(noted.locator("td").nth(1)).containsText("dana",
                    new LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
            // the time in the short style of the page's language, in the network's zone (web.Times)
            assertThat(noted.locator("time")).hasText(java.util.regex.Pattern.compile("^\\d{1,2}:\\d{2}\\s?[AP]M$"));
            checks.audit(phone, "report-with-note", twin -> {
                twin.navigate("/console/reports/" + id);
                var row = twin.locator("#timeline tr[data-action=REPORT_NOTED]");
                assertThat(row).containsText("añadió una nota de verificación");
                assertThat(row).containsText("Visto en persona");
                assertThat(row.locator("time")).hasText(java.util.regex.Pattern.compile("^\\d{1,2}:\\d{2}$"));
                twin.locator("#timeline").scrollIntoViewIfNeeded();
            });
        }
        checks.assertAccessible();
    }
}
