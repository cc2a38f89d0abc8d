package org.aviso.core.render;

/**
 * How many SMS segments a text costs (segments are what carriers bill and rate-limit).
 *
 * <p>GSM-7: 160 septets in one segment, 153 per segment when split; the extension characters {@code ^ { } [ ] ~ \ | €}
 * and form feed take two septets and are never split across segments. UCS-2 (any character outside GSM-7, such as
 * Spanish {@code á í ó ú}): 70 UTF-16 units in one segment, 67 when split; an emoji is two units and is not split.
 * An empty text costs nothing.
 *
 * @param units septets for GSM-7, UTF-16 code units for UCS-2
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

    /**
     * The most segments an alert's SMS should take. Every approved template fits in it; the composer warns when an
     * alert would go over it, and a network's own template is refused when its sample does. Each extra segment
     * arrives later, can arrive out of order on older phones, and costs more.
     */
    public static final int ALERT_LIMIT = 2;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";
    private static final int GSM_SINGLE = 160;
    private static final int GSM_PART = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_PART = 67;

    public SmsSegments {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is required");
        }
        if (units < 0 || segments < 0 || (units == 0) != (segments == 0)) {
            throw new IllegalArgumentException("units and segments must be non-negative and both zero or both not");
        }
    }

    public static SmsSegments count(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    /** Whether the whole text fits the GSM-7 alphabet (basic or extension table). */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
    }

    private static SmsSegments gsm7(String text) {
        int units = 0;
        for (int i = 0; i < text.length(); i++) {
            units += septets(text.charAt(i));
        }
        if (units <= GSM_SINGLE) {
            return new SmsSegments(Encoding.GSM_7, units, units == 0 ? 0 : 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = septets(text.charAt(i));
            if (used + cost > GSM_PART) { // an escape pair must stay together
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsSegments(Encoding.GSM_7, units, segments);
    }

    private static SmsSegments ucs2(String text) {
        int units = text.length();
        if (units <= UCS2_SINGLE) {
            return new SmsSegments(Encoding.UCS_2, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int cost = Character.charCount(text.codePointAt(i)); // a surrogate pair must stay together
            if (used + cost > UCS2_PART) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsSegments(Encoding.UCS_2, units, segments);
    }

    private static int septets(char c) {
        return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }
}
