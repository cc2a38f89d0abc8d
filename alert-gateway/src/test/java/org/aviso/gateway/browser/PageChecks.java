package org.aviso.gateway.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the journey keeps of each page it visits: a numbered full-page screenshot, and for the pages under audit an
 * axe-core check (WCAG 2.1 A and AA) in the visitor's language and again, on a phone, in the other one; on a phone
 * the page must also not scroll sideways (reflow, which axe-core does not check). Serious and critical violations
 * are collected (rule, impact, element, help) so one run shows them all; {@link #assertAccessible()} fails on any.
 */
final class PageChecks {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private final Path screenshots;
    private int taken;
    private final List<String> audited = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    PageChecks(Path screenshots) {
        this.screenshots = screenshots;
        emptyDirectory(screenshots);
    }

    /** A full-page screenshot, numbered in the order of the journey. */
    void look(Page page, String step) {
        taken++;
        String name = String.format("%02d-%s.png", taken, step.replaceAll("[^A-Za-z0-9-]+", "-"));
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name)).setFullPage(true));
    }

    /** When the journey fails: what each person's screen showed at that moment, to read the failure by. */
    void lookAtEveryone(Throwable failure, Visitor... visitors) {
        for (Visitor visitor : visitors) {
            try {
                look(visitor.page, "at-failure-" + visitor.languageTag() + (visitor.onPhone() ? "-phone" : "-computer"));
            } catch (RuntimeException unavailable) {
                failure.addSuppressed(unavailable);
            }
        }
    }

    /** Audits the visitor's page, then the same page (reached again by its URL) on a phone in the other language. */
    void audit(Visitor visitor, String step) {
        audit(visitor, step, twin -> twin.navigate(visitor.page.url()));
    }

    /** As {@link #audit(Visitor, String)}, for a page that is not reached by its URL alone (a form's answer). */
    void audit(Visitor visitor, String step, Consumer<Page> reachTheSamePage) {
        check(visitor, step);
        try (Visitor twin = visitor.onAPhoneInTheOtherLanguage()) {
            reachTheSamePage.accept(twin.page);
            check(twin, step);
        }
    }

    private void check(Visitor visitor, String step) {
        String name = step + " [" + visitor.languageTag() + "]";
        // the page really is in the language being audited (and says so, for screen readers)
        PlaywrightAssertions.assertThat(visitor.page.locator("html")).hasAttribute("lang", visitor.languageTag());
        look(visitor.page, step + "-" + visitor.languageTag());
        if (visitor.onPhone()) {
            // WCAG 1.4.10 (reflow), which axe-core cannot see: at phone width only a data table may scroll sideways,
            // inside itself; the page as a whole must not
            int pageWidth = ((Number) visitor.page.evaluate("document.documentElement.scrollWidth")).intValue();
            int screenWidth = ((Number) visitor.page.evaluate("document.documentElement.clientWidth")).intValue();
            if (pageWidth > screenWidth) {
                record(name + ": the page scrolls sideways on a phone (" + pageWidth + " px wide on a " + screenWidth
                        + " px screen)");
            }
        }
        AxeResults results = new AxeBuilder(visitor.page).withTags(WCAG_21_AA).analyze();
        assertThat(results.isErrored()).as("axe-core ran on %s: %s", name, results.getErrorMessage()).isFalse();
        assertThat(results.getPasses()).as("rules axe-core found satisfied on %s (none: it did not look)", name)
                .isNotEmpty();
        for (Rule rule : results.getViolations()) {
            for (CheckedNode node : rule.getNodes()) {
                String impact = node.getImpact() != null ? node.getImpact() : rule.getImpact();
                if (BLOCKING.contains(impact)) {
                    record(name + ": " + rule.getId() + " (" + impact + ") at " + node.getTarget() + " — "
                            + rule.getHelp() + " — " + rule.getHelpUrl());
                }
            }
        }
        audited.add(name);
    }

    private void record(String violation) {
        violations.add(violation);
        System.out.println("ACCESSIBILITY " + violation);
    }

    List<String> audited() {
        return List.copyOf(audited);
    }

    void assertAccessible() {
        assertThat(violations)
                .as("serious or critical WCAG 2.1 AA violations on %s", audited)
                .isEmpty();
    }

    private static void emptyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> old = Files.list(directory)) {
                for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                    // only this journey's pictures: sub-folders are other streams' (target/screenshots/<stream>/)
                    if (Files.isRegularFile(file)) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + directory, e);
        }
    }
}
