package org.aviso.gateway.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.common.SiteId;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.importing.ImportPlan.Contact;
import org.aviso.gateway.importing.ImportPlan.Outcome;
import org.aviso.gateway.importing.ImportPlan.Problem;

/**
 * Decides, row by row, what an export would change in a network: no database, no clock, so the dry run and the
 * apply step plan the same way and tests read it directly.
 *
 * <ul>
 *   <li>A row with a problem (unknown site, unreadable number, unknown language, no number at all) is an error with
 *       its row number and reason, and nothing of it is imported.</li>
 *   <li>Each number of a row is a contact point of the same family, with the same label and groups.</li>
 *   <li>A number seen earlier in the file is a duplicate in the file (siblings are one row each): its groups join the
 *       first one's.</li>
 *   <li>A number already in the network (found by its blind index) is unchanged or updated when it is the same kind
 *       of person at the same site; otherwise it is someone else's entry, left alone, and said so.</li>
 * </ul>
 */
public final class ImportPlanner {

    /** Someone already in the network, as the planner compares them. */
    public record Existing(PersonId id, Optional<SiteId> site, Set<Role> roles, Language language,
            Optional<String> label, Set<GroupId> groups) {
    }

    /** The network as it is: sites, groups and people by the blind index of their number. */
    public record NetworkState(List<Language> languages, List<Site> sites, List<Group> groups,
            Map<String, Existing> peopleByIndex) {
    }

    /** Choices for the whole file: the site and role of rows that do not say. */
    public record Defaults(Optional<SiteId> site, Role role) {
    }

    private static final int MAX_NAME = 80;
    private static final int MAX_GROUP_NAME = 80;

    private final PhoneReader phones;
    private final Function<PhoneNumber, String> blindIndex;

    public ImportPlanner(PhoneReader phones, Function<PhoneNumber, String> blindIndex) {
        this.phones = phones;
        this.blindIndex = blindIndex;
    }

    public ImportPlan plan(SchoolExport export, ColumnMapping mapping, Defaults defaults, NetworkState state) {
        Map<String, Site> sitesByName = new HashMap<>();
        state.sites().forEach(s -> sitesByName.put(norm(s.name()), s));
        Map<String, Group> groupsByKey = new HashMap<>();
        state.groups().forEach(g -> g.site().ifPresent(s -> groupsByKey.put(groupKey(s, g.name()), g)));
        Map<String, ImportPlan.NewGroup> newGroups = new LinkedHashMap<>();
        Map<String, Contact> byNumber = new HashMap<>();
        List<ImportPlan.RowPlan> rows = new ArrayList<>(export.rows().size());
        List<Contact> firsts = new ArrayList<>();

        for (SchoolExport.Row row : export.rows()) {
            List<Contact> contacts = new ArrayList<>();
            Optional<Problem> problem = readRow(row, mapping, defaults, state, sitesByName, groupsByKey, newGroups,
                    contacts);
            if (problem.isPresent()) {
                rows.add(new ImportPlan.RowPlan(row.line(), problem, List.of()));
                continue;
            }
            List<Contact> planned = new ArrayList<>();
            for (Contact contact : contacts) {
                String number = contact.phone.e164();
                Contact first = byNumber.get(number);
                if (first != null) {
                    first.groups.addAll(contact.groups);
                    contact.outcome = Outcome.DUPLICATE_IN_FILE;
                } else {
                    byNumber.put(number, contact);
                    firsts.add(contact);
                }
                planned.add(contact);
            }
            rows.add(new ImportPlan.RowPlan(row.line(), Optional.empty(), planned));
        }
        for (Contact contact : firsts) {
            Existing existing = state.peopleByIndex().get(blindIndex.apply(contact.phone));
            if (existing == null) {
                contact.outcome = Outcome.ADD;
            } else if (!existing.site().equals(Optional.of(contact.site)) || !existing.roles().contains(contact.role)) {
                contact.outcome = Outcome.IN_NETWORK;
            } else {
                contact.existing = Optional.of(existing.id());
                boolean same = existing.language().equals(contact.language)
                        && (contact.label.isEmpty() || existing.label().equals(contact.label))
                        && contact.groups.stream().allMatch(g -> isMember(existing, g));
                contact.outcome = same ? Outcome.UNCHANGED : Outcome.UPDATE;
            }
        }
        return new ImportPlan(List.copyOf(rows), List.copyOf(newGroups.values()), mapping.dropped());
    }

    private static boolean isMember(Existing existing, String groupKey) {
        return existing.groups().stream().anyMatch(g -> g.value().toString().equals(groupKey));
    }

    private Optional<Problem> readRow(SchoolExport.Row row, ColumnMapping mapping, Defaults defaults,
            NetworkState state, Map<String, Site> sitesByName, Map<String, Group> groupsByKey,
            Map<String, ImportPlan.NewGroup> newGroups, List<Contact> out) {
        // site
        String siteCell = first(row, mapping, ImportField.SITE);
        Site site;
        if (!siteCell.isEmpty()) {
            site = sitesByName.get(norm(siteCell));
            if (site == null) {
                return Optional.of(Problem.of("import.error.siteUnknown", clip(siteCell)));
            }
        } else if (defaults.site().isPresent()) {
            site = state.sites().stream().filter(s -> s.id().equals(defaults.site().get())).findFirst().orElse(null);
            if (site == null) {
                return Optional.of(Problem.of("import.error.siteMissing"));
            }
        } else {
            return Optional.of(Problem.of("import.error.siteMissing"));
        }
        // role
        String roleCell = first(row, mapping, ImportField.ROLE);
        Role role = defaults.role();
        if (!roleCell.isEmpty()) {
            Optional<Role> read = role(roleCell);
            if (read.isEmpty()) {
                return Optional.of(Problem.of("import.error.role", clip(roleCell)));
            }
            role = read.get();
        }
        // language
        String languageCell = first(row, mapping, ImportField.LANGUAGE);
        Language language = Language.ENGLISH;
        if (!languageCell.isEmpty()) {
            Optional<Language> read = LanguageNames.read(languageCell);
            if (read.isEmpty()) {
                return Optional.of(Problem.of("import.error.languageUnknown", clip(languageCell)));
            }
            if (!LanguageNames.offered(read.get(), state.languages())) {
                return Optional.of(Problem.of("import.error.languageNotOffered", read.get().tag()));
            }
            language = read.get().primary();
        }
        // groups and label
        String homeroom = first(row, mapping, ImportField.HOMEROOM);
        String grade = first(row, mapping, ImportField.GRADE);
        String labelCell = first(row, mapping, ImportField.LABEL);
        Optional<String> label = Optional.empty();
        if (!labelCell.isEmpty()) {
            if (labelCell.length() > Person.MAX_LABEL_LENGTH || labelCell.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(Problem.of("import.error.label", Person.MAX_LABEL_LENGTH));
            }
            label = Optional.of(labelCell);
        } else if (role == Role.FAMILY && !homeroom.isEmpty()) {
            label = Optional.of(clip("Room " + homeroom + " family", Person.MAX_LABEL_LENGTH));
        } else if (role == Role.FAMILY && !grade.isEmpty()) {
            label = Optional.of(clip("Grade " + grade + " family", Person.MAX_LABEL_LENGTH));
        }
        Optional<String> name = Optional.empty();
        if (role == Role.STAFF) {
            String nameCell = first(row, mapping, ImportField.STAFF_NAME);
            if (nameCell.length() > MAX_NAME) {
                return Optional.of(Problem.of("import.error.name", MAX_NAME));
            }
            name = nameCell.isEmpty() ? Optional.empty() : Optional.of(nameCell);
            if (name.isEmpty() && label.isEmpty()) {
                return Optional.of(Problem.of("import.error.staffName"));
            }
        }
        String group;
        if (role == Role.STAFF) {
            group = defaultGroup(site, Tier.STAFF, site.name() + " staff", true, groupsByKey, newGroups, state);
        } else if (!homeroom.isEmpty()) {
            group = named(site, clip("Room " + homeroom + " families", MAX_GROUP_NAME), groupsByKey, newGroups);
        } else if (!grade.isEmpty()) {
            group = named(site, clip("Grade " + grade + " families", MAX_GROUP_NAME), groupsByKey, newGroups);
        } else {
            group = defaultGroup(site, Tier.FAMILIES, site.name() + " families", false, groupsByKey, newGroups, state);
        }
        // numbers: every phone column, each its own contact point
        List<PhoneNumber> numbers = new ArrayList<>();
        for (int column : mapping.columns(ImportField.PHONE)) {
            String cell = row.cell(column);
            if (cell.isEmpty()) {
                continue;
            }
            PhoneReader.Result read = phones.read(cell);
            if (read.problem().isPresent()) {
                return Optional.of(Problem.of(read.problem().get().reason(), clip(header(mapping, column, row))));
            }
            if (!numbers.contains(read.number().get())) {
                numbers.add(read.number().get());
            }
        }
        if (numbers.isEmpty()) {
            return Optional.of(Problem.of("import.error.noPhone"));
        }
        for (PhoneNumber number : numbers) {
            Contact contact = new Contact(number, site.id(), role, language, label, name);
            contact.groups.add(group);
            out.add(contact);
        }
        return Optional.empty();
    }

    private static String header(ColumnMapping mapping, int column, SchoolExport.Row row) {
        return mapping.headers().size() > column ? mapping.headers().get(column) : String.valueOf(column + 1);
    }

    private static String named(Site site, String name, Map<String, Group> groupsByKey,
            Map<String, ImportPlan.NewGroup> newGroups) {
        String key = groupKey(site.id(), name);
        Group existing = groupsByKey.get(key);
        if (existing != null) {
            return existing.id().value().toString();
        }
        newGroups.computeIfAbsent(key, k -> new ImportPlan.NewGroup(k, site.id(), name, false));
        return key;
    }

    /** The site's first group of that tier, or one the import creates. */
    private static String defaultGroup(Site site, Tier tier, String name, boolean staff,
            Map<String, Group> groupsByKey, Map<String, ImportPlan.NewGroup> newGroups, NetworkState state) {
        Optional<Group> existing = state.groups().stream()
                .filter(g -> g.site().equals(Optional.of(site.id())) && g.tier() == tier)
                .min(java.util.Comparator.comparing(Group::name));
        if (existing.isPresent()) {
            return existing.get().id().value().toString();
        }
        String clipped = clip(name, MAX_GROUP_NAME);
        String key = groupKey(site.id(), clipped);
        newGroups.computeIfAbsent(key, k -> new ImportPlan.NewGroup(k, site.id(), clipped, staff));
        return key;
    }

    static Optional<Role> role(String cell) {
        String key = SensitiveColumns.key(cell);
        if (key.matches("staff|teacher|personal|maestro|maestra|docente|empleado|empleada|employee|faculty")) {
            return Optional.of(Role.STAFF);
        }
        if (key.matches("family|families|parent|guardian|familia|padre|madre|tutor|tutora|contact|household")) {
            return Optional.of(Role.FAMILY);
        }
        return Optional.empty();
    }

    private static String first(SchoolExport.Row row, ColumnMapping mapping, ImportField field) {
        for (int column : mapping.columns(field)) {
            String cell = row.cell(column);
            if (!cell.isEmpty()) {
                return cell;
            }
        }
        return "";
    }

    static String groupKey(SiteId site, String name) {
        return "new:" + site.value() + ":" + norm(name);
    }

    private static String norm(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String clip(String text) {
        return clip(text, 40);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
