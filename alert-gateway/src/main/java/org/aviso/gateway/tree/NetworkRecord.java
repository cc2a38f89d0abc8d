package org.aviso.gateway.tree;

import java.time.ZoneId;

import org.aviso.core.tree.Network;

/** A network as the gateway keeps it: the domain's settings plus the time zone its messages are written in. */
public record NetworkRecord(Network network, ZoneId zone) {
}
