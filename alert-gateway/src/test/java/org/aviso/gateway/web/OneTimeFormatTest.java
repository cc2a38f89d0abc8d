package org.aviso.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page shows dates and times through {@link Times}: a template that formats one by itself (Thymeleaf's
 * {@code #temporals}, {@code #dates}, {@code #calendars}, or a hand-written pattern such as {@code HH:mm}) brings
 * back the mix of 12-hour, 24-hour and UTC times this rule ended. The same holds outside templates: a pattern
 * written by hand in Java (the VERIFY reply had one), a template printing a time value without {@code @times}, and a
 * script using the browser's own zone and locale ({@code toLocaleTimeString}, as the delivery view's "updated" did)
 * or an {@code Intl.DateTimeFormat} not given the network's zone.
 */
class OneTimeFormatTest {

    private static final Path MAIN = Path.of("src", "main");
    private static final Pattern FORMATTING_BY_ITSELF = Pattern.compile(
            "#temporals\\.|#dates\\.|#calendars\\.|'[^']*(HH:mm|hh:mm|yyyy|dd/MM|MM/dd)[^']*'");

    @Test
    void noTemplateFormatsADateOrTimeByItself() throws IOException {
        List<String> offenders = new ArrayList<>();
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        assertThat(templates).as("templates found").hasSizeGreaterThan(10);
        for (Resource template : templates) {
            String[] lines = template.getContentAsString(StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (FORMATTING_BY_ITSELF.matcher(lines[i]).find()) {
                    offenders.add(template.getFilename() + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(offenders).as("dates and times formatted without @times").isEmpty();
    }

    @Test
    void javaFormatsTimesForPeopleOnlyThroughTimes() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(MAIN.resolve("java"), ".java")) {
            if (file.endsWith(Path.of("web", "Times.java"))) {
                continue;
            }
            lines(file, Pattern.compile("DateTimeFormatter\\.(ofPattern|ofLocalized)|SimpleDateFormat"), found);
        }
        assertThat(found).as("dates or times formatted outside web.Times").isEmpty();
    }

    @Test
    void noTemplatePrintsATimeValueWithoutTimes() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(MAIN.resolve("resources").resolve("templates"), ".html")) {
            // a value named like a time (receivedAt, at, createdAt()...) printed without @times, or a #temporals call
            lines(file, Pattern.compile("th:text=\"\\$\\{[^}@]*\\b(\\w*At|at)(\\(\\))?\\}\"|#temporals|#dates"), found);
        }
        assertThat(found).as("times printed by a template without @times").isEmpty();
    }

    @Test
    void scriptsUseThePagesLanguageAndTheNetworksZone() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(MAIN.resolve("resources").resolve("static"), ".js")) {
            lines(file, Pattern.compile("toLocale(Time|Date)?String\\("), found);
            String script = Files.readString(file);
            Matcher intl = Pattern.compile("Intl\\.DateTimeFormat").matcher(script);
            if (intl.find() && !script.contains("timeZone = ")) {
                found.add(file + ": Intl.DateTimeFormat without the network's time zone");
            }
        }
        assertThat(found).as("scripts formatting times their own way").isEmpty();
    }

    private static void lines(Path file, Pattern pattern, List<String> found) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
