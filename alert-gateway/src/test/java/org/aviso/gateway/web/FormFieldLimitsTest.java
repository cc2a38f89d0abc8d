package org.aviso.gateway.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 7: every field a person types text into, in every page, has a maximum length, so the browser stops
 * at it and tells assistive technology (the server refuses longer values on its own, see the forms' tests).
 */
class FormFieldLimitsTest {

    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Pattern FIELD = Pattern.compile("<(input|textarea)\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]*)\"");
    private static final Set<String> TYPED = Set.of("text", "password", "tel", "search", "email", "url");

    @Test
    void everyTextFieldHasAMaximumLength() throws IOException {
        List<String> unlimited = new ArrayList<>();
        int fields = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String html = Files.readString(file);
                Matcher field = FIELD.matcher(html);
                while (field.find()) {
                    String tag = field.group();
                    Matcher type = TYPE.matcher(tag);
                    boolean typed = field.group(1).equals("textarea") || !type.find() || TYPED.contains(type.group(1));
                    if (!typed) {
                        continue;
                    }
                    fields++;
                    if (!tag.contains("maxlength")) {
                        int line = html.substring(0, field.start()).split("\n", -1).length;
                        unlimited.add(TEMPLATES.relativize(file) + ":" + line + " "
                                + tag.replaceAll("\\s+", " ").substring(0, Math.min(80, tag.replaceAll("\\s+", " ").length())));
                    }
                }
            }
        }
        assertThat(fields).as("text fields found").isGreaterThan(30);
        assertThat(unlimited).as("text fields with no maxlength").isEmpty();
    }
}
