package org.aviso.core.tree;

import org.aviso.core.common.Checks;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;

/** A school (or other place) a network looks after. */
public record Site(SiteId id, NetworkId network, String name) {

    public static final int MAX_NAME_LENGTH = 80;

    public Site {
        Checks.required(id, "site id");
        Checks.required(network, "network id");
        Checks.notBlank(name, "site name", MAX_NAME_LENGTH);
    }
}
