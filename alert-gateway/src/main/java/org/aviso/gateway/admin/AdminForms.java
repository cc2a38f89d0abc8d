package org.aviso.gateway.admin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.core.escalation.EscalationPolicy;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Site;
import org.aviso.core.tree.Tier;
import org.aviso.gateway.page.NewReportPaging;

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

    /** Fields whose value could not be read as a number, a choice or an identifier, with a message for each. */
    static Map<String, String> unreadable(org.springframework.validation.BindingResult binding,
            Map<String, String> keys) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (org.springframework.validation.FieldError error : binding.getFieldErrors()) {
            String field = error.getField().replaceAll("\\[.*", "");
            problems.putIfAbsent(field, keys.getOrDefault(field, "admin.error.unreadable"));
        }
        return problems;
    }

    /** What a refused form shows: the binding's problems first, then the form's own. */
    static Map<String, String> problems(org.springframework.validation.BindingResult binding, Map<String, String> keys,
            Map<String, String> formProblems) {
        Map<String, String> problems = unreadable(binding, keys);
        formProblems.forEach(problems::putIfAbsent);
        return problems;
    }

    /** Network settings: retention, quorum and the Signal receipt timeout. */
    record SettingsForm(Integer retentionDays, Integer quorumFamilyWide, Integer quorumStaffOnly,
            Integer receiptTimeoutSeconds, Integer signalQueueLimitSeconds) {

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
            if (signalQueueLimitSeconds == null
                    || signalQueueLimitSeconds < org.aviso.gateway.delivery.SignalQueue.MIN_LIMIT_SECONDS
                    || signalQueueLimitSeconds > org.aviso.gateway.delivery.SignalQueue.MAX_LIMIT_SECONDS) {
                problems.put("signalQueueLimitSeconds", "admin.settings.error.signalQueueLimit");
            }
            return problems;
        }
    }

    /**
     * The paging policy for a new report: per tier the channels (or {@link #NOT_PAGED}) and the minutes to wait
     * after it, then {@link #UNTIL_CLAIMED} or a number of {@link #ROUNDS}. Every value is kept as typed, so a
     * refused form shows it again and an unknown choice or a word where a number belongs gets a message.
     */
    record PolicyForm(String onCallChannels, String onCallWaitMinutes, String backupsChannels,
            String backupsWaitMinutes, String coordinatorsChannels, String coordinatorsWaitMinutes, String repeat,
            String extraRounds) {

        static final String NOT_PAGED = "NOT_PAGED";
        static final String UNTIL_CLAIMED = "UNTIL_CLAIMED";
        static final String ROUNDS = "ROUNDS";
        private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,3}");

        static PolicyForm of(NewReportPaging paging) {
            return new PolicyForm(channels(paging.onCall()), minutes(paging.onCall()), channels(paging.backups()),
                    minutes(paging.backups()), channels(paging.coordinators()), minutes(paging.coordinators()),
                    paging.repeatsUntilClaimed() ? UNTIL_CLAIMED : ROUNDS,
                    paging.repeatsUntilClaimed() ? "0" : Integer.toString(paging.repeat()));
        }

        Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (NOT_PAGED.equals(strip(onCallChannels))) {
                problems.put("onCallChannels", "admin.policies.error.onCallPaged");
            }
            tierProblems(problems, "onCall", onCallChannels, onCallWaitMinutes, false);
            tierProblems(problems, "backups", backupsChannels, backupsWaitMinutes, true);
            tierProblems(problems, "coordinators", coordinatorsChannels, coordinatorsWaitMinutes, true);
            if (!UNTIL_CLAIMED.equals(strip(repeat)) && !ROUNDS.equals(strip(repeat))) {
                problems.put("repeat", "admin.policies.error.repeat");
            } else if (ROUNDS.equals(strip(repeat))
                    && !within(extraRounds, 0, NewReportPaging.MAX_EXTRA_ROUNDS)) {
                problems.put("extraRounds", "admin.policies.error.rounds");
            }
            return problems;
        }

        /** The policy typed; call only when {@link #problems()} found none. */
        NewReportPaging toPaging() {
            return new NewReportPaging(tier(onCallChannels, onCallWaitMinutes),
                    tier(backupsChannels, backupsWaitMinutes), tier(coordinatorsChannels, coordinatorsWaitMinutes),
                    UNTIL_CLAIMED.equals(strip(repeat)) ? EscalationPolicy.UNTIL_STOPPED
                            : Integer.parseInt(strip(extraRounds)));
        }

        private static void tierProblems(Map<String, String> problems, String tier, String channels, String wait,
                boolean mayBeOff) {
            String typed = strip(channels);
            if (mayBeOff && NOT_PAGED.equals(typed)) {
                return; // a tier not paged has no wait: whatever is in the box is ignored
            }
            // each message names its tier: the summary at the top lists them all, out of their fieldsets
            if (channelPolicy(typed).isEmpty()) {
                problems.putIfAbsent(tier + "Channels", "admin.policies.error." + tier + "Channels");
            }
            if (!within(wait, NewReportPaging.MIN_WAIT_MINUTES, NewReportPaging.MAX_WAIT_MINUTES)) {
                problems.put(tier + "WaitMinutes", "admin.policies.error." + tier + "WaitMinutes");
            }
        }

        private static NewReportPaging.TierPaging tier(String channels, String wait) {
            return channelPolicy(strip(channels))
                    .map(c -> NewReportPaging.TierPaging.paged(c, Integer.parseInt(strip(wait))))
                    .orElseGet(NewReportPaging.TierPaging::notPaged);
        }

        private static Optional<ChannelPolicy> channelPolicy(String typed) {
            return Arrays.stream(ChannelPolicy.values()).filter(c -> c.name().equals(typed)).findFirst();
        }

        private static boolean within(String typed, int min, int max) {
            String number = strip(typed);
            return SMALL_NUMBER.matcher(number).matches() && Integer.parseInt(number) >= min
                    && Integer.parseInt(number) <= max;
        }

        private static String channels(NewReportPaging.TierPaging tier) {
            return tier.channels().map(Enum::name).orElse(NOT_PAGED);
        }

        private static String minutes(NewReportPaging.TierPaging tier) {
            return tier.isPaged() ? Integer.toString(tier.waitMinutes()) : "";
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
            // at least a minute even when nobody must acknowledge: the group keeps the value (the table checks > 0)
            if (acknowledgementMinutes == null || acknowledgementMinutes < 1 || acknowledgementMinutes > 240) {
                problems.put("acknowledgementMinutes", "admin.group.error.minutes");
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
