package org.aviso.core.common;

import java.util.UUID;

/** Parsing shared by the identifier records, so they all reject bad input with the same message. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String text, String kind) {
        Checks.required(text, kind);
        String trimmed = text.trim();
        UUID uuid;
        try {
            uuid = UUID.fromString(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " must be a UUID in canonical form");
        }
        // UUID.fromString also accepts short groups such as "1-1-1-1-1"; only the canonical form round-trips.
        if (!uuid.toString().equalsIgnoreCase(trimmed)) {
            throw new IllegalArgumentException(kind + " must be a UUID in canonical form");
        }
        return uuid;
    }
}
