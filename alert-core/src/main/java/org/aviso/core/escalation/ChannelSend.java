package org.aviso.core.escalation;

import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;

/** Send the alert to this recipient on this channel now. */
public record ChannelSend(Channel channel, SendReason reason) {

    public ChannelSend {
        Checks.required(channel, "channel");
        Checks.required(reason, "reason");
    }
}
