package org.aviso.gateway.browser;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import com.microsoft.playwright.Page;
import org.aviso.gateway.demo.DemoSeeder;
import org.aviso.gateway.security.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages in a real browser, checked with axe-core in English and in Spanish like the pages of the
 * journey: every section, and a template edit refused and then saved, so the form's error state is checked too.
 */
@BrowserTest
class AdminPagesBrowserTest {

    private static final Locale EN = Locale.ENGLISH;
    private static final List<String> PAGES = List.of("/admin", "/admin/sites", "/admin/groups", "/admin/groups/new",
            "/admin/people", "/admin/people/new", "/admin/devices", "/admin/accounts", "/admin/policies",
            "/admin/templates", "/account/passphrase", "/account/totp");
    private static final String EDIT = "/admin/templates/edit?kind=VERIFIED&language=es&channel=SMS";

    private static Chromium chromium;
    private static PageChecks checks;

    @LocalServerPort
    int port;
    @Autowired
    DemoSeeder seeder;
    @Autowired
    MessageSource messages;
    @Autowired
    Clock clock;

    @BeforeAll
    static void startTheBrowser() {
        chromium = Chromium.launch();
        checks = new PageChecks(Path.of("target", "screenshots-admin"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyAdministrationPageAndATemplateEditPassTheAudit() {
        DemoSeeder.DemoSeed seed = seeder.seed();
        UserAccounts.NewAccount admin = seed.accounts().stream().filter(a -> a.username().equals("admin"))
                .findFirst().orElseThrow();
        try (Visitor visitor = Visitor.onComputer(chromium.browser(), "http://localhost:" + port, EN)) {
            Page page = visitor.page;
            page.navigate("/signin");
            visitor.submitSignIn(admin, clock.instant());
            page.waitForURL(url -> !url.contains("/signin"));

            for (String path : PAGES) {
                page.navigate(path);
                assertThat(page.locator("main h1")).isVisible();
                checks.audit(visitor, "admin" + path.substring("/admin".length()).replace('/', '-'));
            }

            page.navigate(EDIT);
            page.locator("#text").fill("Aviso {network}: actividad en {site}. Codigo {code}");
            page.locator("#save-template").click();
            assertThat(page.locator("#form-errors")).containsText(text("admin.templates.error.missing", "{time}, {instructions}, {verifyUrl}"));
            checks.audit(visitor, "admin-template-refused", twin -> {
                twin.navigate(EDIT);
                twin.locator("#text").fill("Aviso {network}: {code}");
                twin.locator("#save-template").click();
                assertThat(twin.locator("#form-errors")).isVisible();
            });

            page.locator("#text").fill("Aviso {network}: actividad confirmada en {site}, {time}. {instructions} Verifique {verifyUrl} "
                    + "Codigo {code}");
            page.locator("#save-template").click();
            assertThat(page.locator("#saved-notice")).hasText(text("admin.saved"));
            assertThat(page.locator("#reset-template")).isVisible();
            checks.look(page, "admin-template-saved");
        }
        assertThat(checks.audited()).hasSize(2 * (PAGES.size() + 1));
        checks.assertAccessible();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, EN);
    }
}
