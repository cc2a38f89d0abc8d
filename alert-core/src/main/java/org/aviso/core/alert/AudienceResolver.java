package org.aviso.core.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aviso.core.common.Checks;
import org.aviso.core.common.GroupId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.tree.CommunicationTree;
import org.aviso.core.tree.Group;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.Tier;

/**
 * Resolves who an alert reaches from the communication tree.
 *
 * <p>Rules: only selected groups that receive the kind; an ADVISORY reaches only dispatch-and-network groups, and
 * within them only dispatchers and verifiers (it is unverified: "share with verifiers only"), so it never reaches a
 * family whatever the configuration says. Follow-ups are not resolved at all: they reuse the audience of the alert
 * they refer to ({@link Audience#followUp(Audience)}).
 */
public final class AudienceResolver {

    private AudienceResolver() {
    }

    public static Audience resolve(CommunicationTree tree, AlertKind kind, Set<GroupId> selectedGroups) {
        Checks.required(tree, "communication tree");
        Checks.required(kind, "alert kind");
        Checks.noNulls(selectedGroups, "selected groups");
        if (kind.isFollowUp()) {
            throw new IllegalArgumentException(
                    kind + " reaches exactly the recipients of the alert it refers to: use Audience.followUp");
        }
        if (selectedGroups.isEmpty()) {
            throw new IllegalArgumentException("select at least one group");
        }
        if (selectedGroups.stream().anyMatch(id -> tree.group(id).isEmpty())) {
            throw new IllegalArgumentException("a selected group is not in this network's tree");
        }
        List<Group> groups = new ArrayList<>();
        for (Group group : tree.groups()) { // tree order, so the result does not depend on the caller's Set
            if (selectedGroups.contains(group.id()) && reaches(group, kind)) {
                groups.add(group);
            }
        }
        groups.sort(Comparator.comparingInt(g -> g.tier().priority()));

        List<Recipient> recipients = new ArrayList<>();
        for (Group group : groups) {
            for (Person member : tree.members(group.id())) {
                if (kind != AlertKind.ADVISORY || member.hasRole(Role.DISPATCHER) || member.hasRole(Role.VERIFIER)) {
                    recipients.add(tree.recipient(member, group));
                }
            }
        }
        boolean familyWide = groups.stream().anyMatch(g -> g.tier() == Tier.FAMILIES);
        Audience unique = Audience.of(recipients);
        return new Audience(unique.recipients(), familyWide ? AudienceScope.FAMILY_WIDE : AudienceScope.STAFF_ONLY,
                backupsOf(tree, unique.recipients()));
    }

    private static boolean reaches(Group group, AlertKind kind) {
        if (!group.receives(kind)) {
            return false;
        }
        return kind != AlertKind.ADVISORY || group.tier() == Tier.DISPATCH_AND_NETWORK;
    }

    /** Backup groups and, because a backup who must acknowledge may need covering too, their backups in turn. */
    private static Map<GroupId, List<Recipient>> backupsOf(CommunicationTree tree, List<Recipient> recipients) {
        Map<GroupId, List<Recipient>> backups = new LinkedHashMap<>();
        Deque<GroupId> pending = new ArrayDeque<>();
        recipients.forEach(r -> r.backup().ifPresent(pending::add));
        while (!pending.isEmpty()) {
            GroupId backup = pending.poll();
            if (!backups.containsKey(backup)) {
                List<Recipient> members = tree.recipientsOf(backup);
                backups.put(backup, members);
                tree.group(backup).flatMap(Group::backup).ifPresent(pending::add);
            }
        }
        return backups;
    }
}
