package org.aviso.core.render;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aviso.core.common.Checks;

/**
 * A message with placeholders {@code {site}}, {@code {code}}, {@code {time}}, {@code {instructions}},
 * {@code {verifyUrl}} and {@code {network}}. It must contain {@code {code}}, so no alert ever goes out without its
 * verification code. Unknown placeholders and stray braces are rejected when the template is made, not when an alert
 * is being sent.
 */
public record MessageTemplate(String text) {

    public static final Set<String> PLACEHOLDERS = Set.of("site", "code", "time", "instructions", "verifyUrl",
            "network");
    public static final int MAX_LENGTH = 2_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    public MessageTemplate {
        Checks.notBlank(text, "template text", MAX_LENGTH);
        Matcher matcher = PLACEHOLDER.matcher(text);
        boolean hasCode = false;
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1) + "}; known: "
                        + PLACEHOLDERS);
            }
            hasCode |= matcher.group(1).equals("code");
        }
        String withoutPlaceholders = PLACEHOLDER.matcher(text).replaceAll("");
        if (withoutPlaceholders.indexOf('{') >= 0 || withoutPlaceholders.indexOf('}') >= 0) {
            throw new IllegalArgumentException("template has a brace that is not part of a placeholder");
        }
        if (!hasCode) {
            throw new IllegalArgumentException("every template must include {code}, the alert's verification code");
        }
    }

    /** The placeholders this text uses, in the order they first appear. */
    public Set<String> placeholders() {
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        return Collections.unmodifiableSet(used);
    }

    /**
     * Replaces placeholders in one pass, so a value that itself contains "{code}" is printed as is and never
     * expanded.
     */
    public String fill(Map<String, String> values) {
        Checks.required(values, "values");
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
