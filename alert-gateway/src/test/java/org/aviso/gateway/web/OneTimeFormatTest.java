package org.aviso.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page shows dates and times through {@link Times}: a template that formats one by itself (Thymeleaf's
 * {@code #temporals}, {@code #dates}, {@code #calendars}, or a hand-written pattern such as {@code HH:mm}) brings
 * back the mix of 12-hour, 24-hour and UTC times this rule ended.
 */
class OneTimeFormatTest {

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
}
