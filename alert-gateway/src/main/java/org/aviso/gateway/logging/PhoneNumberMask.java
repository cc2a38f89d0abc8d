package org.aviso.gateway.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything in a log line that looks like a phone number, keeping its last two digits so operators can
 * still tell lines apart. It errs on the side of masking (a long run of digits is masked even if it was a
 * timestamp); dates, times, ids and UUIDs are left alone.
 */
public final class PhoneNumberMask {

    private static final Pattern PHONE_LIKE = Pattern.compile(
            // +E.164, possibly with separators: +1 555 010 0002, +15550100002
            "\\+\\d[\\d ().-]{6,20}\\d"
                    // national formats: (555) 010-0002, 555-010-0002, 555.010.0002
                    + "|(?<![\\w.-])\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}(?![\\w-])"
                    // bare runs of 10 to 15 digits: 5550100002
                    + "|(?<![\\w.-])\\d{10,15}(?![\\w-])");

    private PhoneNumberMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = PHONE_LIKE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String digits = matcher.group().replaceAll("\\D", "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    "[phone •••" + digits.substring(Math.max(0, digits.length() - 2)) + "]"));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
