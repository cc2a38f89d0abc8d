package org.aviso.core.tree;

/** What a person does in a network. A person may hold several roles. */
public enum Role {
    ADMINISTRATOR,
    DISPATCHER,
    COORDINATOR,
    VERIFIER,
    NETWORK_MEMBER,
    SITE_CONTACT,
    SITE_LEAD,
    STAFF,
    FAMILY,
    /** Someone a site's families may be put in touch with when they answer AYUDA / HELP to an alert (issue 17). */
    MUTUAL_AID
}
