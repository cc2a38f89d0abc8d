package org.aviso.gateway.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.aviso.core.common.NetworkId;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.MessageTemplate;
import org.aviso.core.render.TemplateCatalog;
import org.aviso.core.render.TemplateKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The message templates a network sends with: the domain's approved defaults in English and Spanish, with the
 * network's own wording laid over them (changed on the administration pages, kept as a history).
 */
@Component
public class Templates {

    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    private final TemplateCatalog defaults = TemplateCatalog.defaults();
    private final TemplateRevisions revisions;
    private final Clock clock;

    private final org.aviso.gateway.languages.NetworkLanguages languages;

    Templates(TemplateRevisions revisions, Clock clock, org.aviso.gateway.languages.NetworkLanguages languages) {
        this.languages = languages;
        this.revisions = revisions;
        this.clock = clock;
    }

    /** The built-in, approved texts, which a network's own wording must keep the substance of. */
    public TemplateCatalog defaults() {
        return defaults;
    }

    /** The templates in force now. */
    public TemplateCatalog catalog(NetworkId network) {
        return catalog(network, clock.instant());
    }

    /**
     * The templates that were in force at {@code at}. An alert is rendered with those of the moment it was composed,
     * so one that waited for a second approval goes out with the wording its approvers saw.
     */
    public TemplateCatalog catalog(NetworkId network, Instant at) {
        TemplateCatalog catalog = defaults;
        for (Map.Entry<org.aviso.core.common.Language, String> marker : languages.drillMarkers(network).entrySet()) {
            try {
                catalog = catalog.withDrillMarker(marker.getKey(), marker.getValue());
            } catch (IllegalArgumentException tooLong) {
                log.warn("Network {} drill marker for {} is not valid and is ignored", network.value(), marker.getKey());
            }
        }
        for (Map.Entry<TemplateKey, String> own : revisions.inForce(network, at).entrySet()) {
            try {
                catalog = catalog.withTemplate(own.getKey(), new MessageTemplate(own.getValue()));
            } catch (IllegalArgumentException e) {
                // Checked when saved, so only a row written by hand gets here; the approved text is the safe side.
                log.warn("Network {} template {} is not valid and is ignored: {}", network.value(), own.getKey(),
                        e.getMessage());
            }
        }
        return catalog;
    }

    public AlertRenderer renderer(NetworkId network) {
        return new AlertRenderer(catalog(network));
    }

    public AlertRenderer renderer(NetworkId network, Instant at) {
        return new AlertRenderer(catalog(network, at));
    }
}
