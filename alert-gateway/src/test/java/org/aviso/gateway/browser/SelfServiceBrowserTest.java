package org.aviso.gateway.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.testing.CleanDatabaseExtension;
import org.aviso.gateway.testing.DatabaseCleaner;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 in a real browser, audited with axe-core in English and Spanish (the second look always on a phone): an
 * administrator imports a school's export (dry run, a bad row found and fixed, apply); a site gets its enrolment
 * code and a new phone walks the JOIN conversation in Spanish through the demo's simulated SMS, on a phone-sized
 * screen as a family would; then the reachability page. Screenshots: target/screenshots/b16/{import,join}/.
 */
@BrowserTest
class SelfServiceBrowserTest {

    private static Chromium chromium;
    private static PageChecks importing;
    private static PageChecks joining;

    @TempDir
    Path files;
    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    TreeStore tree;
    @Autowired
    Clock clock;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext spring;

    /** Each test seeds the demo network: each starts from empty tables. */
    @BeforeEach
    void emptyTables() {
        DatabaseCleaner.clean(dataSource);
        spring.getBeansOfType(CleanDatabaseExtension.ResetAfterClean.class).values()
                .forEach(CleanDatabaseExtension.ResetAfterClean::reset);
    }

    @BeforeAll
    static void startTheBrowser() {
        // the machine is shared: allow for a slow answer rather than fail on one
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        chromium = Chromium.launch();
        importing = new PageChecks(Path.of("target", "screenshots", "b16", "import"));
        joining = new PageChecks(Path.of("target", "screenshots", "b16", "join"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorImportsAFileDryRunFixApply() throws Exception {
        DemoSeeder.DemoSeed seed = seeder.seed();
        Path bad = files.resolve("export.csv");
        Files.writeString(bad, """
                Student_Number,LastFirst,DOB,School_Name,Home_Room,Mother_Cell,Home_Language
                7001,"Brightwater, Osmund",2016-02-02,Lincoln Elementary,12,(213) 555-0141,Spanish
                7002,"Cloudberry, Ysolde",2017-03-03,Lincoln Elementary,12,213-555,English
                """, StandardCharsets.UTF_8);
        Path fixed = files.resolve("export-fixed.csv");
        Files.writeString(fixed, Files.readString(bad).replace("213-555,", "(213) 555-0142,"), StandardCharsets.UTF_8);

        try (Visitor visitor = Visitor.onComputer(chromium.browser(), "http://localhost:" + port, Locale.ENGLISH)) {
            visitor.context.setDefaultTimeout(30_000);
            Page page = visitor.page;
            signIn(visitor, seed);

            // the dry run names the bad row and the dropped columns; nothing changes yet
            page.navigate("/admin/import");
            importing.audit(visitor, "import");
            page.setInputFiles("#file", bad);
            page.locator("#dry-run").click();
            assertThat(page.locator("#row-3")).containsText("not a valid phone number");
            assertThat(page.locator("#dropped-columns")).containsText("LastFirst: a student's name, never kept");
            assertThat(page.locator("#total-add")).hasText("1 to add");
            assertThat(tree.peopleWithPhone(new PhoneNumber("+12135550141"))).isEmpty();
            importing.audit(visitor, "import-dry-run", twin -> {
                twin.navigate("/admin/import");
                twin.setInputFiles("#file", bad);
                twin.locator("#dry-run").click();
                assertThat(twin.locator("#row-3")).isVisible();
            });
            // fixed, checked again, applied
            page.setInputFiles("#file", fixed);
            page.locator("#dry-run").click();
            assertThat(page.locator("#total-errors")).hasText("0 rows with an error (not imported)");
            page.locator("#apply").click();
            assertThat(page.locator("#import-applied")).containsText("Imported: 2 added");
            importing.look(page, "import-applied-en");
            assertThat(tree.peopleWithPhone(new PhoneNumber("+12135550141"))).hasSize(1);
            assertThat(tree.peopleWithPhone(new PhoneNumber("+12135550142"))).hasSize(1);
        }
        importing.assertAccessible();
    }

    @Test
    void aNewFamilyWalksTheJoinConversationBySmsOnAPhone() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        String lincoln = seed.sites().get("Lincoln Elementary").value().toString();
        try (Visitor admin = Visitor.onComputer(chromium.browser(), "http://localhost:" + port, Locale.ENGLISH)) {
            admin.context.setDefaultTimeout(30_000);
            signIn(admin, seed);
            // a site's enrolment code
            admin.page.navigate("/admin/enrolments");
            admin.page.locator("#code-" + lincoln).fill("lincoln");
            admin.page.locator("#save-enrolment-" + lincoln).click();
            assertThat(admin.page.locator("#saved-notice")).isVisible();
            joining.audit(admin, "enrolments");

            // a new phone texts UNIRME LINCOLN through the simulated SMS channel, seen on a phone-sized screen in
            // Spanish, as the family would hold it
            try (Visitor phone = Visitor.onPhone(chromium.browser(), "http://localhost:" + port,
                    Locale.forLanguageTag("es"))) {
                phone.context.setDefaultTimeout(30_000);
                phone.context.addCookies(admin.context.cookies());
                Page page = phone.page;
                page.navigate("/demo/inbox");
                say(page, "+15550177777", "UNIRME LINCOLN");
                assertThat(page.locator("#new-phone-answer")).containsText("Responda con el número de su idioma");
                assertThat(page.locator("#new-phone-answer")).containsText("2 Español");
                joining.look(page, "join-1-language-es-phone");
                say(page, "+15550177777", "2");
                assertThat(page.locator("#new-phone-answer")).containsText("Responda SÍ para unirse");
                joining.audit(phone, "demo-inbox-join");
                assertThat(tree.peopleWithPhone(new PhoneNumber("+15550177777"))).isEmpty();
                say(page, "+15550177777", "Sí");
                assertThat(page.locator("#new-phone-answer")).containsText("Ya está inscrito");
                joining.look(page, "join-3-enrolled-es-phone");
                assertThat(tree.peopleWithPhone(new PhoneNumber("+15550177777"))).hasSize(1);
            }

            admin.page.navigate("/admin/reachability");
            assertThat(admin.page.locator("#group-counts")).isVisible();
            joining.audit(admin, "reachability");
        }
        joining.assertAccessible();
    }

    private void signIn(Visitor visitor, DemoSeeder.DemoSeed seed) {
        UserAccounts.NewAccount admin = seed.accounts().stream().filter(a -> a.username().equals("admin"))
                .findFirst().orElseThrow();
        visitor.page.navigate("/signin");
        visitor.submitSignIn(admin, clock.instant());
        visitor.page.waitForURL(url -> !url.contains("/signin"));
    }

    private static void say(Page page, String number, String text) {
        page.locator("#new-phone-number").fill(number);
        page.locator("#new-phone-text").fill(text);
        page.locator("#new-phone-send").click();
    }
}
