package org.aviso.core.render;

import org.aviso.core.common.Checks;

/**
 * Keeps an SMS in GSM-7 when only a few look-alike characters stand in the way.
 *
 * <p>One {@code á} or a curly quote pasted from a word processor switches a whole SMS to UCS-2, which fits 67
 * characters a segment instead of 153: the dispatcher's instructions would no longer fit in two segments. So, for SMS
 * only, {@code á í ó ú} become {@code a i o u} (Spanish readers read unaccented text messages every day; {@code é ñ ü
 * ¿ ¡} are GSM-7 and stay), typographic quotes and dashes become plain ones and an ellipsis becomes three dots. This
 * is done only when it makes the whole text GSM-7: a Vietnamese or Arabic message stays exactly as written, in
 * UCS-2, because stripping its marks would change its words.
 */
public final class SmsText {

    private static final String FROM = "áíóúÁÍÓÚâêîôûÂÊÎÔÛ‘’‚′“”„″–—‑\u00A0\u2009\u202F";
    private static final String TO = "aiouAIOUaeiouAEIOU''''\"\"\"\"---   ";

    private SmsText() {
    }

    /** The GSM-7 spelling of {@code text} if folding gets it there, otherwise {@code text} unchanged. */
    public static String forSms(String text) {
        Checks.required(text, "text");
        if (SmsSegments.isGsm7(text)) {
            return text;
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = FROM.indexOf(c);
            if (at >= 0) {
                folded.append(TO.charAt(at));
            } else if (c == '…') {
                folded.append("...");
            } else {
                folded.append(c);
            }
        }
        String result = folded.toString();
        return SmsSegments.isGsm7(result) ? result : text;
    }
}
