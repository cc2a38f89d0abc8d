package org.aviso.gateway.alert;

import org.aviso.core.common.NetworkId;
import org.aviso.core.render.AlertRenderer;
import org.aviso.core.render.TemplateCatalog;

import org.springframework.stereotype.Component;

/**
 * The message templates a network sends with: the domain's approved defaults in English and Spanish. (Networks
 * that add languages or reword a template do so as data; see the administration pages.)
 */
@Component
public class Templates {

    private final TemplateCatalog defaults = TemplateCatalog.defaults();

    public TemplateCatalog catalog(NetworkId network) {
        return defaults;
    }

    public AlertRenderer renderer(NetworkId network) {
        return new AlertRenderer(catalog(network));
    }
}
