package org.aviso.gateway.admin;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aviso.core.alert.Alert;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.AlertId;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.ShortCode;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.Encoding;
import org.aviso.core.render.MessageTemplate;
import org.aviso.core.render.RenderRequest;
import org.aviso.core.render.RenderedMessage;
import org.aviso.core.render.SmsSegments;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.core.render.TemplateKey;
import org.aviso.core.tree.Site;
import org.aviso.gateway.tree.NetworkRecord;
import org.aviso.gateway.web.PublicUrls;

/**
 * Checks a network's own wording of a template before it is saved, in terms an administrator can act on, and
 * renders the sample the pages show. A reworded template keeps what every approved text of its kind carries (the
 * code always; for a VERIFIED alert also the site, the time and the check link), uses only known placeholders, and
 * as an SMS fits in {@link SmsSegments#ALERT_LIMIT} segments for the network's longest site name.
 */
final class TemplateWording {

    /** One thing to fix: a message key and its arguments. */
    record Problem(String key, List<Object> args) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemplateWording() {
    }

    /** Line ends as a phone shows them, and no stray spaces around the text. */
    static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    static List<Problem> problems(String text, TemplateKey key, TemplateCatalog defaults, TemplateCatalog current,
            NetworkRecord network, List<Site> sites, PublicUrls urls, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (text.isEmpty()) {
            problems.add(new Problem("admin.templates.error.blank", List.of()));
            return problems;
        }
        if (text.length() > MessageTemplate.MAX_LENGTH) {
            problems.add(new Problem("admin.templates.error.long", List.of(text.length(), MessageTemplate.MAX_LENGTH)));
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (MessageTemplate.PLACEHOLDERS.contains(matcher.group(1))) {
                used.add(matcher.group(1));
            } else {
                problems.add(new Problem("admin.templates.error.unknown", List.of("{" + matcher.group(1) + "}")));
            }
        }
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            problems.add(new Problem("admin.templates.error.brace", List.of()));
        }
        List<String> missing = defaults.placeholdersCommonTo(key.kind()).stream().filter(p -> !used.contains(p))
                .map(p -> "{" + p + "}").toList();
        if (!missing.isEmpty()) {
            problems.add(new Problem("admin.templates.error.missing", List.of(String.join(", ", missing))));
        }
        if (problems.isEmpty() && key.channel() == Channel.SMS) {
            RenderedMessage sample = sample(current.withTemplate(key, new MessageTemplate(text)), key, network, sites,
                    urls, now);
            if (sample.segments().segments() > SmsSegments.ALERT_LIMIT) {
                problems.add(new Problem(sample.segments().encoding() == Encoding.GSM_7
                        ? "admin.templates.error.segments" : "admin.templates.error.segmentsUnicode",
                        List.of(sample.segments().segments(), SmsSegments.ALERT_LIMIT)));
            }
        }
        return problems;
    }

    /**
     * The template rendered as it would go out now for the network's longest site name (the worst case for SMS
     * length), with empty instructions.
     */
    static RenderedMessage sample(TemplateCatalog catalog, TemplateKey key, NetworkRecord network, List<Site> sites,
            PublicUrls urls, Instant now) {
        String siteName = sites.stream().map(Site::name).max(Comparator.comparingInt(String::length))
                .orElse(network.network().name());
        PersonId sender = PersonId.random();
        Alert alert = Alert.initial(AlertId.random(), network.network().id(), Optional.empty(),
                key.kind().isFollowUp() ? AlertKind.VERIFIED : key.kind(), sender, now,
                network.network().incidentExpiry(), ShortCode.generate(RANDOM));
        if (key.kind().isFollowUp()) {
            alert = Alert.followUp(alert, AlertId.random(), key.kind(), sender, now,
                    network.network().incidentExpiry(), ShortCode.generate(RANDOM));
        }
        RenderRequest request = new RenderRequest(alert, siteName, network.network().name(), "",
                urls.alertCheck(alert.code().value()), network.zone());
        return new AlertRenderer(catalog).render(request, key.language(), key.channel());
    }
}
