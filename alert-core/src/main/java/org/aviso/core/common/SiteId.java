package org.aviso.core.common;

import java.util.UUID;

/** Identifies a site. Application-assigned, so a new aggregate has its id before it is stored. */
public record SiteId(UUID value) {

    public SiteId {
        Checks.required(value, "SiteId");
    }

    public static SiteId random() {
        return new SiteId(UUID.randomUUID());
    }

    public static SiteId of(String text) {
        return new SiteId(Ids.parse(text, "SiteId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
