package org.aviso.gateway.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Playwright driving the machine's own chromium (Debian's package), headless. Playwright never downloads a browser
 * here, and the browser makes no connection of its own (no background networking, updates or sync): the only
 * server it talks to is the application under test.
 */
final class Chromium implements AutoCloseable {

    /** Where the browser is: this system property, else this environment variable, else Debian's path. */
    static final String PATH_PROPERTY = "aviso.test.chromium";
    static final String PATH_VARIABLE = "AVISO_TEST_CHROMIUM";
    static final String DEBIAN_PATH = "/usr/bin/chromium";

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser, or fails the test (never skips it) with what to install. */
    static Chromium launch() {
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            fail("No chromium at " + executable + " (set -D" + PATH_PROPERTY + " or " + PATH_VARIABLE
                    + " to use another): install Debian's chromium: apt-get install -y chromium; .ci/run does this");
        }
        // also set here, not only by surefire, so a run from an IDE cannot start a download either
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(ARGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    static Path executable() {
        String configured = System.getProperty(PATH_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(PATH_VARIABLE);
        }
        return Path.of(configured == null || configured.isBlank() ? DEBIAN_PATH : configured.strip());
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
