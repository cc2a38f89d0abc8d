package org.aviso.core.tree;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.Checks;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.SiteId;

/**
 * A set of people reached together: a site's Office, Teachers or Families K-2, or a network-wide group such as
 * on-call dispatchers (no site).
 *
 * <p>Two rules are enforced here rather than trusted to configuration: a families-tier group is always DIRECT
 * (a Signal group would show every family's number to every other family) and never receives an ADVISORY
 * (unverified reports stay with dispatchers and verifiers).
 *
 * @param acknowledgementTimeout how long a member who must acknowledge has before their backup group is paged
 * @param backup                 the group that covers a member who does not acknowledge in time
 */
public record Group(
        GroupId id,
        NetworkId network,
        Optional<SiteId> site,
        String name,
        Tier tier,
        Set<AlertKind> receives,
        boolean acknowledgementRequired,
        Duration acknowledgementTimeout,
        Optional<GroupId> backup,
        ChannelMode mode) {

    public static final int MAX_NAME_LENGTH = 80;

    public Group {
        Checks.required(id, "group id");
        Checks.required(network, "network id");
        Checks.required(site, "site (use Optional.empty() for a network-wide group)");
        Checks.notBlank(name, "group name", MAX_NAME_LENGTH);
        Checks.required(tier, "tier");
        Checks.noNulls(receives, "received alert kinds");
        receives = receives.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(receives));
        Checks.notNegative(acknowledgementTimeout, "acknowledgement timeout");
        Checks.required(backup, "backup (use Optional.empty())");
        Checks.required(mode, "channel mode");
        if (acknowledgementRequired && acknowledgementTimeout.isZero()) {
            throw new IllegalArgumentException("a group that must acknowledge needs a positive acknowledgement timeout");
        }
        if (backup.filter(id::equals).isPresent()) {
            throw new IllegalArgumentException("a group cannot be its own backup");
        }
        if (tier == Tier.FAMILIES && mode != ChannelMode.DIRECT) {
            throw new IllegalArgumentException("families are reached 1:1 (DIRECT), never in a Signal group");
        }
        if (tier == Tier.FAMILIES && receives.contains(AlertKind.ADVISORY)) {
            throw new IllegalArgumentException("families never receive an ADVISORY: it is unverified");
        }
    }

    public boolean receives(AlertKind kind) {
        return receives.contains(kind);
    }

    public boolean isNetworkWide() {
        return site.isEmpty();
    }
}
