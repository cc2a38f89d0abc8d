package org.aviso.core.alert;

import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.RecipientBuilder.aRecipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.aviso.core.common.Channel;
import org.aviso.core.common.GroupId;
import org.aviso.core.tree.ChannelMode;
import org.aviso.core.tree.SignalStatus;
import org.junit.jupiter.api.Test;

class RecipientTest {

    @Test
    void prefersSignalThenSms() {
        assertThat(aRecipient().build().preferredChannel()).contains(Channel.SIGNAL);
        assertThat(aRecipient().signal(SignalStatus.NOT_ON_SIGNAL).build().preferredChannel()).contains(Channel.SMS);
        assertThat(aRecipient().identityChanged().build().preferredChannel()).contains(Channel.SMS);
        assertThat(aRecipient().signal(SignalStatus.NOT_ON_SIGNAL).smsUnusable().build().preferredChannel()).isEmpty();
    }

    @Test
    void familiesAreAlwaysDirect() {
        assertThatThrownBy(() -> aFamily().mode(ChannelMode.GROUP).build()).hasMessageContaining("1:1");
    }

    @Test
    void acknowledgementRulesAreConsistent() {
        GroupId group = GroupId.random();
        assertThatThrownBy(() -> aRecipient().mustAcknowledgeWithin(Duration.ZERO).build())
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> aRecipient().group(group).mustAcknowledgeWithin(Duration.ofMinutes(5), group)
                .build()).hasMessageContaining("own backup");
    }
}
