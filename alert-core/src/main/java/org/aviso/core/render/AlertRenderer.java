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
 */
public final class AlertRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

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

        String body = chosen.fill(Map.of(
                "site", request.siteName().strip(),
                "network", request.networkName().strip(),
                "code", alert.code().display(),
                "time", TIME.format(alert.createdAt().atZone(request.zone())),
                "instructions", request.instructions().strip(),
                "verifyUrl", request.verifyUrl().strip()));
        // An empty {instructions} leaves a double space behind.
        body = body.replaceAll(" {2,}", " ").strip();
        if (alert.exercise()) {
            body = catalog.drillMarker(used) + " " + body;
        }
        boolean fellBack = !used.equals(language) && !used.equals(language.primary());
        return new RenderedMessage(body, SmsSegments.count(body), used, fellBack);
    }
}
