package org.aviso.gateway.delivery;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.aviso.core.common.Channel;
import org.aviso.core.escalation.ChannelPolicy;
import org.aviso.gateway.notify.Notifier;

import org.springframework.stereotype.Component;

/**
 * The channels this installation can send on (those with a registered notifier), and what a track's channel policy
 * comes to with them ({@link ChannelPolicy#within}): an installation without Signal sends SMS at once instead of
 * queueing Signal messages that no sender will ever take.
 */
@Component
class ConfiguredChannels {

    private final Set<Channel> channels;

    ConfiguredChannels(List<Notifier> notifiers) {
        Set<Channel> found = EnumSet.noneOf(Channel.class);
        notifiers.forEach(n -> found.add(n.channel()));
        this.channels = Set.copyOf(found);
    }

    ChannelPolicy effective(ChannelPolicy wanted) {
        return wanted.within(channels);
    }
}
