package org.aviso.core.escalation;

import java.time.Duration;
import org.aviso.core.common.Checks;

/** One step of an {@link EscalationPolicy}. */
public sealed interface EscalationStep {

    /** Notify everyone in a named target (resolved and frozen in the snapshot) over the given channels. */
    record Notify(String targetName, ChannelPolicy channels) implements EscalationStep {
        public Notify {
            Checks.notBlank(targetName, "target name", 80);
            Checks.required(channels, "channel policy");
        }
    }

    /** Wait before the next step. */
    record Wait(Duration duration) implements EscalationStep {
        public Wait {
            Checks.positive(duration, "wait");
        }
    }
}
