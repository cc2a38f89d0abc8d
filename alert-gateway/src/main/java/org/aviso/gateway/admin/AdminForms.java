package org.aviso.gateway.admin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;

/**
 * The administration forms, as posted. Each checks what a person can fix in the form and answers field name to
 * message key; the domain's own checks stay the last word when the form is turned into a domain object.
 */
final class AdminForms {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private AdminForms() {
    }

    static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /** Network settings: retention, quorum and the Signal receipt timeout. */
    record SettingsForm(Integer retentionDays, Integer quorumFamilyWide, Integer quorumStaffOnly,
            Integer receiptTimeoutSeconds) {

        Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (retentionDays == null || retentionDays < 1 || retentionDays > 365) {
                problems.put("retentionDays", "admin.settings.error.retention");
            }
            if (quorumFamilyWide == null || quorumFamilyWide < 2 || quorumFamilyWide > 10) {
                problems.put("quorumFamilyWide", "admin.settings.error.quorumFamilyWide");
            }
            if (quorumStaffOnly == null || quorumStaffOnly < 1 || quorumStaffOnly > 10) {
                problems.put("quorumStaffOnly", "admin.settings.error.quorumStaffOnly");
            }
            if (receiptTimeoutSeconds == null || receiptTimeoutSeconds < 15 || receiptTimeoutSeconds > 600) {
                problems.put("receiptTimeoutSeconds", "admin.settings.error.receiptTimeout");
            }
            return problems;
        }
    }

    record SiteForm(UUID id, String name) {

        Map<String, String> problems() {
            String n = strip(name);
            return n.isEmpty() || n.length() > Site.MAX_NAME_LENGTH
                    ? Map.of("name", "admin.site.error.name") : Map.of();
        }
    }

    record GroupForm(UUID id, String name, UUID site, Tier tier, Set<AlertKind> receives,
            Boolean acknowledgementRequired, Integer acknowledgementMinutes, UUID backup, ChannelMode mode) {

        GroupForm {
            receives = receives == null ? EnumSet.noneOf(AlertKind.class) : EnumSet.copyOf(
                    receives.isEmpty() ? EnumSet.noneOf(AlertKind.class) : receives);
            acknowledgementRequired = Boolean.TRUE.equals(acknowledgementRequired);
            tier = tier == null ? Tier.STAFF : tier;
            mode = mode == null ? ChannelMode.DIRECT : mode;
        }

        static GroupForm empty() {
            return new GroupForm(null, "", null, Tier.STAFF, EnumSet.of(AlertKind.VERIFIED, AlertKind.UPDATE,
                    AlertKind.ALL_CLEAR, AlertKind.FALSE_ALARM, AlertKind.DRILL), false, 5, null, ChannelMode.DIRECT);
        }

        Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            String n = strip(name);
            if (n.isEmpty() || n.length() > Group.MAX_NAME_LENGTH) {
                problems.put("name", "admin.group.error.name");
            }
            if (tier == Tier.FAMILIES && mode != ChannelMode.DIRECT) {
                problems.put("mode", "admin.group.error.familiesDirect");
            }
            if (tier == Tier.FAMILIES && receives.contains(AlertKind.ADVISORY)) {
                problems.put("receives", "admin.group.error.familiesAdvisory");
            }
            if (acknowledgementMinutes == null || acknowledgementMinutes < 0 || acknowledgementMinutes > 240
                    || (acknowledgementRequired && acknowledgementMinutes < 1)) {
                problems.put("acknowledgementMinutes", "admin.group.error.timeout");
            }
            if (backup != null && backup.equals(id)) {
                problems.put("backup", "admin.group.error.ownBackup");
            }
            return problems;
        }
    }

    /**
     * A person. The number is required for someone new; for someone already stored an empty number keeps theirs,
     * so the full number need not be shown again.
     */
    record PersonForm(UUID id, String name, String label, String language, Set<Role> roles, UUID site, String phone,
            Boolean onCall, Set<UUID> groups) {

        PersonForm {
            roles = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
            groups = groups == null ? new LinkedHashSet<>() : new LinkedHashSet<>(groups);
            onCall = Boolean.TRUE.equals(onCall);
        }

        static PersonForm empty() {
            return new PersonForm(null, "", "", "en", EnumSet.noneOf(Role.class), null, "", false, Set.of());
        }

        /** What was typed, with spaces, dashes, dots and brackets people add taken out. */
        String normalizedPhone() {
            return strip(phone).replaceAll("[\\s().-]", "");
        }

        Map<String, String> problems(Set<String> languages) {
            Map<String, String> problems = new LinkedHashMap<>();
            String n = strip(name);
            String l = strip(label);
            if (roles.isEmpty()) {
                problems.put("roles", "admin.person.error.roles");
            }
            if (roles.contains(Role.FAMILY) && !n.isEmpty()) {
                problems.put("name", "admin.person.error.familyName");
            } else if (n.length() > 80) {
                problems.put("name", "admin.person.error.nameLength");
            }
            if (l.length() > Person.MAX_LABEL_LENGTH) {
                problems.put("label", "admin.person.error.labelLength");
            }
            if (n.isEmpty() && l.isEmpty()) {
                problems.putIfAbsent("label", "admin.person.error.nameOrLabel");
            }
            if (!languages.contains(strip(language))) {
                problems.put("language", "admin.person.error.language");
            }
            String number = normalizedPhone();
            if (number.isEmpty() ? id == null : !E164.matcher(number).matches()) {
                problems.put("phone", "admin.person.error.phone");
            }
            return problems;
        }
    }

    record EnrollmentForm(UUID person, UUID site) {
    }

    record AccountForm(String username, String role, UUID person) {

        static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{3,64}");

        Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (!USERNAME.matcher(strip(username).toLowerCase(java.util.Locale.ROOT)).matches()) {
                problems.put("username", "admin.account.error.username");
            }
            if (!"DISPATCHER".equals(role) && !"ADMINISTRATOR".equals(role)) {
                problems.put("role", "admin.account.error.role");
            }
            if ("DISPATCHER".equals(role) && person == null) {
                problems.put("person", "admin.account.error.person");
            }
            return problems;
        }
    }
}
