package org.aviso.gateway.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Role;

/**
 * What an import would do, row by row: the dry run shows it, and the apply step carries it out after planning it
 * again against the network as it is then. Phone numbers stay in memory only and are shown masked.
 */
public record ImportPlan(List<RowPlan> rows, List<NewGroup> newGroups, List<ColumnMapping.Dropped> dropped) {

    /** What happens to one contact point (one number of one row). */
    public enum Outcome { ADD, UPDATE, UNCHANGED, DUPLICATE_IN_FILE, IN_NETWORK }

    /** A reason in the admin's language: a message key and its arguments (never a number from the file). */
    public record Problem(String key, List<Object> args) {
        public static Problem of(String key, Object... args) {
            return new Problem(key, List.of(args));
        }
    }

    /** A group the import creates, in a site, for families ("Room 12 families") or staff. */
    public record NewGroup(String key, SiteId site, String name, boolean staff) {
    }

    /**
     * One number of one row. {@code groups} holds group keys: an existing group's id as text, or a
     * {@link NewGroup#key()}.
     */
    public static final class Contact {
        final PhoneNumber phone;
        final SiteId site;
        final Role role;
        final Language language;
        final Optional<String> label;
        final Optional<String> name;
        final Set<String> groups = new LinkedHashSet<>();
        Outcome outcome;
        Optional<PersonId> existing = Optional.empty();

        Contact(PhoneNumber phone, SiteId site, Role role, Language language, Optional<String> label,
                Optional<String> name) {
            this.phone = phone;
            this.site = site;
            this.role = role;
            this.language = language;
            this.label = label;
            this.name = name;
        }

        public Outcome outcome() {
            return outcome;
        }

        public String masked() {
            return phone.masked();
        }

        @Override
        public String toString() {
            return "Contact[" + outcome + "]";
        }
    }

    /** One row of the file: an error (and nothing of it is imported), or its contact points. */
    public record RowPlan(int line, Optional<Problem> error, List<Contact> contacts) {
    }

    public record Totals(int rows, int errors, Map<Outcome, Integer> contacts) {

        public int count(Outcome outcome) {
            return contacts.getOrDefault(outcome, 0);
        }

        /** Whether applying would change anything. */
        public boolean changes() {
            return count(Outcome.ADD) + count(Outcome.UPDATE) > 0;
        }

        public String describe() {
            return "rows=" + rows + " errors=" + errors + " added=" + count(Outcome.ADD) + " updated="
                    + count(Outcome.UPDATE) + " unchanged=" + count(Outcome.UNCHANGED) + " duplicatesInFile="
                    + count(Outcome.DUPLICATE_IN_FILE) + " alreadyInNetwork=" + count(Outcome.IN_NETWORK);
        }
    }

    public Totals totals() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int errors = 0;
        for (RowPlan row : rows) {
            if (row.error().isPresent()) {
                errors++;
            }
            row.contacts().forEach(c -> counts.merge(c.outcome, 1, Integer::sum));
        }
        return new Totals(rows.size(), errors, Map.copyOf(counts));
    }

    public List<RowPlan> errors() {
        List<RowPlan> errors = new ArrayList<>();
        rows.stream().filter(r -> r.error().isPresent()).forEach(errors::add);
        return errors;
    }
}
