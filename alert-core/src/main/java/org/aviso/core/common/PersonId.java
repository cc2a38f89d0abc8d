package org.aviso.core.common;

import java.util.UUID;

/** Identifies a person. Application-assigned, so a new aggregate has its id before it is stored. */
public record PersonId(UUID value) {

    public PersonId {
        Checks.required(value, "PersonId");
    }

    public static PersonId random() {
        return new PersonId(UUID.randomUUID());
    }

    public static PersonId of(String text) {
        return new PersonId(Ids.parse(text, "PersonId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
