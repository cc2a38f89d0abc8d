package org.aviso.core.render;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.aviso.core.alert.Alert;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;

/**
 * Renders an alert for one language and channel.
 *
 * <p>Looks for the recipient's language, then its primary language ({@code es} for {@code es-mx}), and only then
 * English, saying so in the result. Every exercise message starts with the language's drill marker, so a drill is
 * never mistaken for the real thing, whatever the template says. Times use 24-hour {@code HH:mm} in the network's
 * zone: locale formats differ between JDKs (some insert a narrow no-break space, which would push an SMS into UCS-2).
 *
 * <p>An SMS keeps to {@link SmsSegments#ALERT_LIMIT} segments and still carries the instructions: it is spelled in
 * GSM-7 where {@link SmsText} can do so, then carries the whole instructions if they fit, else their short form,
 * else as much of them as fits, cut at a word and ending in "..." (the template's link leads to all of it). Signal
 * always carries them whole.
 */
public final class AlertRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String CUT_MARK = "...";

    private final TemplateCatalog catalog;

    public AlertRenderer(TemplateCatalog catalog) {
        this.catalog = Checks.required(catalog, "template catalog");
    }

    public RenderedMessage render(RenderRequest request, Language language, Channel channel) {
        Checks.required(request, "render request");
        Checks.required(language, "language");
        Checks.required(channel, "channel");
        Alert alert = request.alert();

        Language used = language;
        Optional<MessageTemplate> template = catalog.find(new TemplateKey(alert.kind(), language, channel));
        if (template.isEmpty() && !language.primary().equals(language)) {
            used = language.primary();
            template = catalog.find(new TemplateKey(alert.kind(), used, channel));
        }
        if (template.isEmpty()) {
            used = Language.ENGLISH;
            template = catalog.find(new TemplateKey(alert.kind(), used, channel));
        }
        MessageTemplate chosen = template.orElseThrow(() -> new IllegalStateException(
                "no English template for " + alert.kind() + " on " + channel));
        boolean fellBack = !used.equals(language) && !used.equals(language.primary());
        Body body = new Body(chosen, request, alert.exercise() ? catalog.drillMarker(used) : null,
                channel == Channel.SMS);

        String full = request.instructions().strip();
        String shortForm = request.shortInstructions().strip();
        if (full.isEmpty() && shortForm.isEmpty()) {
            return body.message(used, fellBack, "", InstructionsFit.NONE);
        }
        if (channel != Channel.SMS) {
            return body.message(used, fellBack, full.isEmpty() ? shortForm : full, InstructionsFit.FULL);
        }
        if (!full.isEmpty() && body.fits(full)) {
            return body.message(used, fellBack, full, InstructionsFit.FULL);
        }
        if (!shortForm.isEmpty() && body.fits(shortForm)) {
            return body.message(used, fellBack, shortForm, InstructionsFit.SHORT);
        }
        String source = shortForm.isEmpty() ? full : shortForm;
        String cut = longestFittingStart(body, source);
        return cut.isEmpty() ? body.message(used, fellBack, "", InstructionsFit.LEFT_OUT)
                : body.message(used, fellBack, cut, InstructionsFit.CUT);
    }

    /** The longest start of {@code text} that fits with the cut mark, at a word boundary where there is one. */
    private static String longestFittingStart(Body body, String text) {
        int low = 0;
        int high = text.length();
        while (low < high) { // the largest length whose cut fits; more text never costs fewer segments
            int mid = (low + high + 1) >>> 1;
            if (body.fits(cut(text, mid))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if (low == 0) {
            return "";
        }
        int space = lastSpace(text, low);
        return cut(text, space > low / 2 ? space : low);
    }

    private static int lastSpace(String text, int end) {
        for (int i = end; i > 0; i--) {
            if (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String cut(String text, int length) {
        int end = length;
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        String start = text.substring(0, end).strip();
        while (!start.isEmpty() && ".,;:-".indexOf(start.charAt(start.length() - 1)) >= 0) {
            start = start.substring(0, start.length() - 1);
        }
        return start.isEmpty() ? "" : start + CUT_MARK;
    }

    /** One template filled for one request, with the instructions still to choose. */
    private static final class Body {

        private final MessageTemplate template;
        private final Map<String, String> values;
        private final String drillMarker;
        private final boolean sms;

        Body(MessageTemplate template, RenderRequest request, String drillMarker, boolean sms) {
            this.template = template;
            this.drillMarker = drillMarker;
            this.sms = sms;
            this.values = Map.of(
                    "site", request.siteName().strip(),
                    "network", request.networkName().strip(),
                    "code", request.alert().code().display(),
                    "time", TIME.format(request.alert().createdAt().atZone(request.zone())),
                    "verifyUrl", request.verifyUrl().strip());
        }

        String text(String instructions) {
            Map<String, String> all = new java.util.HashMap<>(values);
            all.put("instructions", instructions);
            // An empty {instructions} leaves a double space behind.
            String body = template.fill(all).replaceAll(" {2,}", " ").strip();
            if (drillMarker != null) {
                body = drillMarker + " " + body;
            }
            return sms ? SmsText.forSms(body) : body;
        }

        boolean fits(String instructions) {
            return SmsSegments.count(text(instructions)).segments() <= SmsSegments.ALERT_LIMIT;
        }

        RenderedMessage message(Language used, boolean fellBack, String instructions, InstructionsFit fit) {
            String text = text(instructions);
            InstructionsFit actual = fit != InstructionsFit.NONE && fit != InstructionsFit.LEFT_OUT
                    && !template.placeholders().contains("instructions") ? InstructionsFit.LEFT_OUT : fit;
            return new RenderedMessage(text, SmsSegments.count(text), used, fellBack, actual);
        }
    }
}
