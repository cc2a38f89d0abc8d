package org.aviso.gateway.tree;

import java.util.Optional;

import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Person;

/**
 * A person with what only the gateway needs: the site they belong to (families, staff, site contacts) and a
 * display name for staff and dispatchers. Never a student's name: families have a label at most.
 */
public record PersonDetails(Person person, Optional<SiteId> site, Optional<String> name, boolean onCall) {

    @Override
    public String toString() {
        return "PersonDetails[" + person.id() + "]";
    }
}
