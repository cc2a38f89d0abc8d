package org.aviso.gateway.browser;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accessibility audit can fail: a page with the faults it is meant to catch does not pass it. */
class PageChecksTest {

    private static Chromium chromium;

    @BeforeAll
    static void startTheBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aFieldWithoutLabelFaintTextAndAPageWiderThanThePhoneFailTheAudit() {
        PageChecks checks = new PageChecks(Path.of("target", "screenshots-page-checks"));
        try (Visitor visitor = Visitor.onPhone(chromium.browser(), "http://localhost:1", Locale.ENGLISH)) {
            visitor.page.setContent("<!DOCTYPE html><html lang=\"en\"><head><title>Faulty</title>"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
                    + "<main><h1>Faulty</h1><p style=\"color:#bbb\">Faint text</p><input type=\"text\">"
                    + "<div style=\"width:600px\">Wide</div></main></body></html>");
            checks.audit(visitor, "faulty", twin -> twin.setContent(visitor.page.content().replace("\"en\"", "\"es\"")));
        }
        assertThatThrownBy(checks::assertAccessible)
                .hasMessageContaining("faulty [en]: label (critical)")
                .hasMessageContaining("faulty [en]: color-contrast (serious)")
                .hasMessageContaining("faulty [es]: label (critical)")
                .hasMessageContaining("the page scrolls sideways on a phone")
                .hasMessageContaining("https://dequeuniversity.com/rules/axe/");
        assertThat(checks.audited()).containsExactly("faulty [en]", "faulty [es]");
    }
}
