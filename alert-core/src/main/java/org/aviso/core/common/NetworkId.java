package org.aviso.core.common;

import java.util.UUID;

/** Identifies a network. Application-assigned, so a new aggregate has its id before it is stored. */
public record NetworkId(UUID value) {

    public NetworkId {
        Checks.required(value, "NetworkId");
    }

    public static NetworkId random() {
        return new NetworkId(UUID.randomUUID());
    }

    public static NetworkId of(String text) {
        return new NetworkId(Ids.parse(text, "NetworkId"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
