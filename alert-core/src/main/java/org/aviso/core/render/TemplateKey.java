package org.aviso.core.render;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;

/** Which template: one per alert kind, language and channel (SMS versions are shorter). */
public record TemplateKey(AlertKind kind, Language language, Channel channel) {

    public TemplateKey {
        Checks.required(kind, "alert kind");
        Checks.required(language, "language");
        Checks.required(channel, "channel");
    }
}
