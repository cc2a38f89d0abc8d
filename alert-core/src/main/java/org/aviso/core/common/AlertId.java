package org.aviso.core.common;

import java.util.UUID;

/** Identifies a alert. Application-assigned, so a new aggregate has its id before it is stored. */
public record AlertId(UUID value) {

    public AlertId {
        Checks.required(value, "AlertId");
    }

    public static AlertId random() {
        return new AlertId(UUID.randomUUID());
    }

    public static AlertId of(String text) {
        return new AlertId(Ids.parse(text, "AlertId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
