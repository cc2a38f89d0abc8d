package org.aviso.core.common;

import java.util.UUID;

/** Identifies a group. Application-assigned, so a new aggregate has its id before it is stored. */
public record GroupId(UUID value) {

    public GroupId {
        Checks.required(value, "GroupId");
    }

    public static GroupId random() {
        return new GroupId(UUID.randomUUID());
    }

    public static GroupId of(String text) {
        return new GroupId(Ids.parse(text, "GroupId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
