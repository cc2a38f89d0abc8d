package org.aviso.core.common;

import java.util.UUID;

/** Identifies a incident. Application-assigned, so a new aggregate has its id before it is stored. */
public record IncidentId(UUID value) {

    public IncidentId {
        Checks.required(value, "IncidentId");
    }

    public static IncidentId random() {
        return new IncidentId(UUID.randomUUID());
    }

    public static IncidentId of(String text) {
        return new IncidentId(Ids.parse(text, "IncidentId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
