package org.aviso.core.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.NetworkId;
import org.junit.jupiter.api.Test;

class GroupTest {

    private final NetworkId network = NetworkId.random();

    private Group group(Tier tier, Set<AlertKind> receives, ChannelMode mode) {
        return new Group(GroupId.random(), network, Optional.empty(), "Group", tier, receives, false, Duration.ZERO,
                Optional.empty(), mode);
    }

    @Test
    void familiesAreNeverReachedThroughASignalGroup() {
        assertThatThrownBy(() -> group(Tier.FAMILIES, Set.of(AlertKind.VERIFIED), ChannelMode.GROUP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never in a Signal group");
    }

    @Test
    void familiesCanNeverBeConfiguredToReceiveAnAdvisory() {
        assertThatThrownBy(() -> group(Tier.FAMILIES, Set.of(AlertKind.ADVISORY), ChannelMode.DIRECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADVISORY");
    }

    @Test
    void staffGroupsMayUseAnAnnouncementGroup() {
        Group teachers = group(Tier.STAFF, EnumSet.of(AlertKind.VERIFIED, AlertKind.DRILL), ChannelMode.GROUP);

        assertThat(teachers.mode()).isEqualTo(ChannelMode.GROUP);
        assertThat(teachers.receives(AlertKind.DRILL)).isTrue();
        assertThat(teachers.receives(AlertKind.ADVISORY)).isFalse();
        assertThat(teachers.isNetworkWide()).isTrue();
    }

    @Test
    void acknowledgementNeedsATimeoutAndABackupCannotBeItself() {
        GroupId id = GroupId.random();
        assertThatThrownBy(() -> new Group(id, network, Optional.empty(), "Office", Tier.SITE_LEADS, Set.of(), true,
                Duration.ZERO, Optional.empty(), ChannelMode.DIRECT)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new Group(id, network, Optional.empty(), "Office", Tier.SITE_LEADS, Set.of(), true,
                Duration.ofMinutes(5), Optional.of(id), ChannelMode.DIRECT)).hasMessageContaining("own backup");
        assertThatThrownBy(() -> new Group(id, network, Optional.empty(), " ", Tier.SITE_LEADS, Set.of(), false,
                Duration.ZERO, Optional.empty(), ChannelMode.DIRECT)).hasMessageContaining("blank");
        assertThatThrownBy(() -> new Group(id, network, Optional.empty(), "Office", Tier.SITE_LEADS, Set.of(), false,
                Duration.ofMinutes(-1), Optional.empty(), ChannelMode.DIRECT)).hasMessageContaining("negative");
    }
}
