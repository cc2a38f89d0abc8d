package org.aviso.gateway.browser;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.aviso.core.common.Language;
import org.aviso.core.report.Report;
import org.aviso.core.report.ReportStatus;
import org.aviso.core.report.Salute;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.languages.NetworkLanguages;
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
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 17 item 2 on a phone, as a dispatcher writing a verified alert: a text box per language of the network
 * (Arabic added as data shows right to left), the languages without the dispatcher's words marked, a send without
 * a choice for Spanish refused next to that choice with nothing stored, then "Spanish gets the English text" chosen
 * and shown on the alert's page. Audited with axe in English and, on a second phone, in Spanish. Screenshots:
 * target/screenshots/c17/.
 */
@BrowserTest
class ComposerLanguagesBrowserTest {

    static final String ENGLISH = "Keep children inside. Pick-up at the back gate on Oak Street from 2:30.";

    private static Chromium chromium;
    private static PageChecks checks;

    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    ReportService reports;
    @Autowired
    NetworkLanguages languages;
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
        checks = new PageChecks(Path.of("target", "screenshots", "c17"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aDispatcherOnAPhoneWritesInOneLanguageAndChoosesWhatTheOthersGet() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        languages.add(seed.network(), Language.of("ar"), Map.of("keyword.HELP", "مساعدة"), "user:test");
        var account = seed.accounts().stream().filter(a -> a.username().equals("dana")).findFirst().orElseThrow();
        AvisoPrincipal dana = new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(), seed.network().value(),
                AvisoRole.DISPATCHER, seed.people().get("Dana Brooks").value(), null);
        Report report = reports.logCall(dana, seed.sites().get("Lincoln Elementary"),
                new ReportService.Submission(Salute.unknown(), "Two vans at the north gate", Optional.empty()));
        reports.claim(dana, report.id());
        reports.resolve(dana, report.id(), ReportStatus.VERIFIED);
        String composer = "/console/alerts/new?report=" + report.id().value();
        long alertsBefore = alerts();

        try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port, Locale.ENGLISH)) {
            phone.context.setDefaultTimeout(30_000);
            Page page = phone.page;
            page.navigate("/signin");
            phone.submitSignIn(account, clock.instant());
            page.waitForURL("**/console");
            page.navigate(composer);

            // a box per language, each written its own way round
            assertThat(page.locator("label[for=text-en]")).containsText("Text in English");
            assertThat(page.locator("label[for=text-es]")).containsText("Text in Spanish");
            assertThat(page.locator("label[for=text-ar]")).containsText("Text in Arabic");
            assertThat(page.locator("#text-ar")).hasAttribute("dir", "rtl");
            assertThat(page.locator("#text-ar")).hasAttribute("lang", "ar");
            assertThat(page.locator("#text-es")).hasAttribute("lang", "es");
            checks.audit(phone, "composer");

            writeAndPreview(page, composer);
            assertThat(page.locator("#lacks-es")).isVisible();
            assertThat(page.locator("#lacks-ar")).isVisible();
            assertThat(page.locator("#lacks-en")).hasCount(0);
            assertThat(page.locator("#choice-es")).containsText("Send the text written in English");
            assertThat(page.locator("#choice-es")).containsText("Send without free text (steps and template only)");
            assertThat(page.locator("#messages tr[data-language=en][data-channel=SIGNAL]")).containsText(ENGLISH);
            assertThat(page.locator("#messages tr[data-language=es][data-channel=SIGNAL]")).not().containsText(ENGLISH);
            part(page, "#free-texts", "preview-texts-en");
            part(page, "#language-choices", "preview-choices-en");
            part(page, "#messages", "preview-messages-en");
            checks.audit(phone, "composer-preview", twin -> {
                writeAndPreview(twin, composer);
                part(twin, "#free-texts", "preview-texts-es");
                part(twin, "#language-choices", "preview-choices-es");
                assertThat(twin.locator("#choice-es")).containsText("Enviar el texto escrito en inglés");
                assertThat(twin.locator("label[for=text-ar]")).containsText("Texto en árabe");
            });

            // send without choosing for Spanish: refused next to the choice, what was typed kept, nothing stored
            page.locator("#send-button").tap();
            assertThat(page.locator("#choice-es-error")).containsText(
                    "Nothing was sent: people in this audience read Spanish and there is no text in Spanish.");
            assertThat(page.locator("#form-errors")).containsText("people in this audience read Spanish");
            assertThat(page.locator("#text-en")).hasValue(ENGLISH);
            org.assertj.core.api.Assertions.assertThat(alerts()).isEqualTo(alertsBefore);
            part(page, "#form-errors", "refused-summary-en");
            part(page, "#language-choices", "refused-choices-en");
            checks.audit(phone, "composer-choice-missing", twin -> {
                writeAndPreview(twin, composer);
                twin.locator("#send-button").tap();
                part(twin, "#language-choices", "refused-choices-es");
                assertThat(twin.locator("#choice-es-error")).containsText(
                        "No se envió nada: hay personas de este público que leen español y no hay texto en español.");
            });

            // Spanish families get the English text; Arabic is nobody's language here, so needs no choice
            page.locator("label[for=choice-es-1]").tap();
            assertThat(page.locator("#choice-es-1")).isChecked();
            page.locator("#send-button").tap();
            page.waitForURL("**/console/alerts/*");
            assertThat(page.locator("#plan-es")).containsText("the text written in English");
            assertThat(page.locator("#plan-en")).containsText(ENGLISH);
            assertThat(page.locator("#plan-ar")).containsText("no free text");
            assertThat(page.locator("#messages tr[data-language=es][data-channel=SIGNAL]")).containsText(ENGLISH);
            org.assertj.core.api.Assertions.assertThat(alerts()).isEqualTo(alertsBefore + 1);
            part(page, "#language-plan", "alert-plan-en");
            checks.audit(phone, "alert-with-language-choices", twin -> {
                twin.navigate(page.url());
                part(twin, "#language-plan", "alert-plan-es");
                assertThat(twin.locator("#plan-es")).containsText("el texto escrito en inglés");
            });
        }
        checks.assertAccessible();
    }

    /** A close look at one part of the page (the full-page screenshots of a phone are too tall to read). */
    private static void part(Page page, String selector, String name) {
        page.locator(selector).screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(Path.of("target", "screenshots", "c17", "parts", name + ".png")));
    }

    private static void writeAndPreview(Page page, String composer) {
        page.navigate(composer);
        page.locator("#text-en").fill(ENGLISH);
        page.locator("#preview-button").tap();
        page.locator("#preview").waitFor();
    }

    private long alerts() {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from alert", Long.class);
    }
}
