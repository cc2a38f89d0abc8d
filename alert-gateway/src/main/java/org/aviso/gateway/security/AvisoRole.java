package org.aviso.gateway.security;

/** The roles that can act in Aviso, each scoped to one network. */
public enum AvisoRole {
    ADMINISTRATOR, DISPATCHER, SITE_CONTACT;

    public String authority() {
        return "ROLE_" + name();
    }
}
