package org.aviso.gateway.security;

import java.io.Serializable;
import java.util.UUID;

/**
 * Who is acting: a signed-in administrator or dispatcher (a user account), or a site contact's enrolled phone
 * (a device). Every lookup a controller makes is scoped to {@link #networkId()}.
 *
 * @param personId the person in the tree (dispatchers are paged there; site contacts report as them); may be null
 *                 for an administrator who is not in the tree
 * @param siteId   only for site contacts: the one site they may report for
 */
public record AvisoPrincipal(Kind kind, UUID id, UUID networkId, AvisoRole role, UUID personId, UUID siteId)
        implements Serializable {

    public enum Kind { USER, DEVICE }

    public String actor() {
        return (kind == Kind.USER ? "user:" : "device:") + id;
    }

    public boolean isAdministrator() {
        return role == AvisoRole.ADMINISTRATOR;
    }

    /** Dispatchers and administrators may use the console. */
    public boolean isDispatcher() {
        return role == AvisoRole.DISPATCHER || role == AvisoRole.ADMINISTRATOR;
    }

    @Override
    public String toString() {
        return actor() + " (" + role + ")";
    }
}
