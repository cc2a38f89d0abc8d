package org.aviso.core.common;

import java.util.UUID;

/** Identifies a escalation. Application-assigned, so a new aggregate has its id before it is stored. */
public record EscalationId(UUID value) {

    public EscalationId {
        Checks.required(value, "EscalationId");
    }

    public static EscalationId random() {
        return new EscalationId(UUID.randomUUID());
    }

    public static EscalationId of(String text) {
        return new EscalationId(Ids.parse(text, "EscalationId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
