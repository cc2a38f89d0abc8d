package org.aviso.core.tree;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.common.Checks;
import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;

/**
 * Someone Aviso reaches: roles, a language and a contact point. A family is just this, with an optional label such as
 * "Room 12 family"; there is no place for a student's name, a nationality or an immigration status, on purpose.
 */
public record Person(
        PersonId id, NetworkId network, Set<Role> roles, Language language, ContactPoint contact, Optional<String> label) {

    public static final int MAX_LABEL_LENGTH = 60;

    public Person {
        Checks.required(id, "person id");
        Checks.required(network, "network id");
        Checks.noNulls(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a person needs at least one role");
        }
        // An EnumSet keeps a stable order; Set.copyOf would iterate differently on every run.
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        Checks.required(language, "language");
        Checks.required(contact, "contact point");
        Checks.required(label, "label (use Optional.empty())");
        label.ifPresent(text -> {
            Checks.notBlank(text, "label", MAX_LABEL_LENGTH);
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("label must be a single line");
            }
        });
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public Person withContact(ContactPoint newContact) {
        return new Person(id, network, roles, language, newContact, label);
    }
}
