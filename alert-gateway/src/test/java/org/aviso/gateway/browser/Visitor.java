package org.aviso.gateway.browser;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.aviso.gateway.security.Totp;
import org.aviso.gateway.security.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's own device: a browser context with its cookies and storage, its screen and its language (sent as
 * {@code Accept-Language}, as a phone set to Spanish does). A phone is 360×740 with touch. Nothing may leave for
 * another server (a family's phone must not tell a third party it opened an alert): such a request is refused, and
 * closing the visitor fails if there was one.
 */
final class Visitor implements AutoCloseable {

    private static final int TIMEOUT_MS = 10_000;

    private final Browser browser;
    private final String baseUrl;
    private final boolean phone;
    final Locale language;
    final BrowserContext context;
    final Page page;
    private final List<String> requestsElsewhere = new CopyOnWriteArrayList<>();

    private Visitor(Browser browser, String baseUrl, boolean phone, Locale language, String storageState) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.phone = phone;
        this.language = language;
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setLocale(language.getLanguage() + "-US")
                .setTimezoneId("America/Los_Angeles");
        if (phone) {
            options.setViewportSize(360, 740).setIsMobile(true).setHasTouch(true);
        } else {
            options.setViewportSize(1280, 900);
        }
        if (storageState != null) {
            options.setStorageState(storageState);
        }
        this.context = browser.newContext(options);
        context.setDefaultTimeout(TIMEOUT_MS);
        context.route(url -> !url.startsWith(baseUrl), route -> {
            requestsElsewhere.add(route.request().url());
            route.abort();
        });
        this.page = context.newPage();
    }

    static Visitor onPhone(Browser browser, String baseUrl, Locale language) {
        return new Visitor(browser, baseUrl, true, language, null);
    }

    static Visitor onComputer(Browser browser, String baseUrl, Locale language) {
        return new Visitor(browser, baseUrl, false, language, null);
    }

    /**
     * The same person (same cookies, so the same session or enrolled phone) on a phone set to the other language the
     * pages speak: to look at a page in both languages without changing this visitor's choice. Always a phone,
     * because dispatchers use the console on their phones too, so the second look also covers the narrow layout.
     */
    Visitor onAPhoneInTheOtherLanguage() {
        Locale other = "es".equals(language.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("es");
        return new Visitor(browser, baseUrl, true, other, context.storageState());
    }

    boolean onPhone() {
        return phone;
    }

    /** Fills in and sends the sign-in form (already open) for {@code account}, with its TOTP code for {@code now}. */
    void submitSignIn(UserAccounts.NewAccount account, Instant now) {
        page.locator("#username").fill(account.username());
        page.locator("#passphrase").fill(account.passphrase());
        page.locator("#code").fill(Totp.code(account.totpSecret(), now));
        page.locator("main button[type=submit]").click();
    }

    String languageTag() {
        return language.getLanguage();
    }

    @Override
    public void close() {
        context.close();
        assertThat(requestsElsewhere).as("requests to servers other than Aviso's").isEmpty();
    }
}
