package org.aviso.core.common;

import java.util.UUID;

/** Identifies a report. Application-assigned, so a new aggregate has its id before it is stored. */
public record ReportId(UUID value) {

    public ReportId {
        Checks.required(value, "ReportId");
    }

    public static ReportId random() {
        return new ReportId(UUID.randomUUID());
    }

    public static ReportId of(String text) {
        return new ReportId(Ids.parse(text, "ReportId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
