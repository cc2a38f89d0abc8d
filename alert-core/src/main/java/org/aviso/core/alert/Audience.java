package org.aviso.core.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.PersonId;
import org.aviso.core.quorum.AudienceScope;
import org.aviso.core.tree.Tier;

/**
 * The people one alert reaches, in fan-out order: by tier (dispatch and network, site leads, staff, families), then in
 * the order they were resolved. Each person appears once, at their highest-priority tier, so nobody gets the same
 * alert twice because they sit in two groups.
 *
 * @param recipients in fan-out order, one per person
 * @param scope      FAMILY_WIDE when any families-tier group was included; it decides the quorum
 * @param backups    members of every backup group these recipients may need, frozen when the audience was
 *                   resolved, so covering someone later does not depend on the tree as it is then
 */
public record Audience(List<Recipient> recipients, AudienceScope scope, Map<GroupId, List<Recipient>> backups) {

    private static final Comparator<Recipient> FAN_OUT_ORDER = Comparator.comparingInt(r -> r.tier().priority());

    public Audience {
        Checks.noNulls(recipients, "recipients");
        Checks.required(scope, "audience scope");
        Checks.required(backups, "backups");
        List<Recipient> ordered = new ArrayList<>(recipients);
        ordered.sort(FAN_OUT_ORDER); // List.sort is stable, so resolution order survives within a tier
        Set<PersonId> seen = new HashSet<>();
        for (Recipient recipient : ordered) {
            if (!seen.add(recipient.person())) {
                throw new IllegalArgumentException("an audience lists each person once");
            }
            if (recipient.tier() == Tier.FAMILIES && scope != AudienceScope.FAMILY_WIDE) {
                throw new IllegalArgumentException("an audience that reaches families is family-wide");
            }
        }
        recipients = List.copyOf(ordered);
        Map<GroupId, List<Recipient>> frozen = new LinkedHashMap<>();
        backups.forEach((group, members) -> frozen.put(Checks.required(group, "backup group"),
                List.copyOf(Checks.noNulls(members, "backup members"))));
        backups = Collections.unmodifiableMap(frozen);
    }

    /**
     * An audience from recipients in resolution order; a person listed twice keeps their highest-priority entry.
     * Family-wide when anyone is reached as a family.
     */
    public static Audience of(Collection<Recipient> recipients) {
        Checks.noNulls(recipients, "recipients");
        List<Recipient> ordered = new ArrayList<>(recipients);
        ordered.sort(FAN_OUT_ORDER);
        List<Recipient> unique = keepFirstPerPerson(ordered);
        boolean families = unique.stream().anyMatch(r -> r.tier() == Tier.FAMILIES);
        return new Audience(unique, families ? AudienceScope.FAMILY_WIDE : AudienceScope.STAFF_ONLY, Map.of());
    }

    /** The audience of a follow-up: exactly the recipients of the alert it refers to. */
    public static Audience followUp(Audience previous) {
        Checks.required(previous, "previous audience");
        return new Audience(previous.recipients, previous.scope, previous.backups);
    }

    /**
     * This audience plus people who were reached in addition, such as backups who covered someone; use it to build
     * the audience a follow-up must reach. People already present keep their entry.
     */
    public Audience plus(Collection<Recipient> additional) {
        Checks.noNulls(additional, "additional recipients");
        List<Recipient> all = new ArrayList<>(recipients);
        all.addAll(additional);
        List<Recipient> unique = keepFirstPerPerson(all);
        boolean families = unique.stream().anyMatch(r -> r.tier() == Tier.FAMILIES);
        AudienceScope widened = families ? AudienceScope.FAMILY_WIDE : scope;
        return new Audience(unique, widened, backups);
    }

    private static List<Recipient> keepFirstPerPerson(List<Recipient> ordered) {
        Map<PersonId, Recipient> unique = new LinkedHashMap<>();
        for (Recipient recipient : ordered) {
            unique.putIfAbsent(recipient.person(), recipient);
        }
        return new ArrayList<>(unique.values());
    }

    public int size() {
        return recipients.size();
    }

    public boolean isEmpty() {
        return recipients.isEmpty();
    }

    public boolean contains(PersonId person) {
        return recipients.stream().anyMatch(r -> r.person().equals(person));
    }

    /** The people, in fan-out order. */
    public Set<PersonId> personIds() {
        Set<PersonId> ids = new LinkedHashSet<>();
        recipients.forEach(r -> ids.add(r.person()));
        return Collections.unmodifiableSet(ids);
    }

    public List<Recipient> inTier(Tier tier) {
        return recipients.stream().filter(r -> r.tier() == tier).toList();
    }

    /** The frozen members of a backup group, or an empty list if no recipient has it as backup. */
    public List<Recipient> backupsFor(GroupId group) {
        return backups.getOrDefault(group, List.of());
    }

    /** For the console: how many people per tier, with every tier present. */
    public Map<Tier, Integer> countsByTier() {
        Map<Tier, Integer> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0);
        }
        recipients.forEach(r -> counts.merge(r.tier(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** For the console: how many first messages go out on each channel (see {@link #unreachableCount()}). */
    public Map<Channel, Integer> countsByPreferredChannel() {
        Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            counts.put(channel, 0);
        }
        recipients.forEach(r -> r.preferredChannel().ifPresent(c -> counts.merge(c, 1, Integer::sum)));
        return Collections.unmodifiableMap(counts);
    }

    /** People with no usable channel (not on Signal and opted out of or unreachable by SMS). */
    public int unreachableCount() {
        return (int) recipients.stream().filter(r -> r.preferredChannel().isEmpty()).count();
    }
}
