package org.aviso.core.alert;

import java.time.Duration;
import java.util.Optional;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Tier;

/**
 * One person as an alert or page reaches them, with everything needed to deliver and escalate copied in (the
 * group's tier, acknowledgement rule and backup), so a frozen audience does not change when the tree is edited.
 *
 * @param group the group through which this person is reached (their highest-priority one)
 */
public record Recipient(
        PersonId person,
        GroupId group,
        Tier tier,
        Language language,
        ContactPoint contact,
        ChannelMode mode,
        boolean acknowledgementRequired,
        Duration acknowledgementTimeout,
        Optional<GroupId> backup) {

    public Recipient {
        Checks.required(person, "person id");
        Checks.required(group, "group id");
        Checks.required(tier, "tier");
        Checks.required(language, "language");
        Checks.required(contact, "contact point");
        Checks.required(mode, "channel mode");
        Checks.notNegative(acknowledgementTimeout, "acknowledgement timeout");
        Checks.required(backup, "backup (use Optional.empty())");
        if (tier == Tier.FAMILIES && mode != ChannelMode.DIRECT) {
            throw new IllegalArgumentException("families are reached 1:1 (DIRECT), never in a Signal group");
        }
        if (acknowledgementRequired && acknowledgementTimeout.isZero()) {
            throw new IllegalArgumentException("a recipient who must acknowledge needs a positive timeout");
        }
        if (backup.filter(group::equals).isPresent()) {
            throw new IllegalArgumentException("a group cannot be its own backup");
        }
    }

    /** The channel the first message goes out on, or empty when the person cannot be reached at all. */
    public Optional<Channel> preferredChannel() {
        if (contact.reachableBySignal()) {
            return Optional.of(Channel.SIGNAL);
        }
        return contact.reachableBySms() ? Optional.of(Channel.SMS) : Optional.empty();
    }
}
