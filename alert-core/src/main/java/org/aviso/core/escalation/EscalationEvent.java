package org.aviso.core.escalation;

import java.time.Instant;
import org.aviso.core.common.Checks;
import org.aviso.core.common.PersonId;

/** Something that happened to an escalation, recorded by the caller and handed back to the engine. */
public sealed interface EscalationEvent {

    Instant at();

    /** The caller acted on every decision of this step (wrote them to its outbox). */
    record StepNotified(String stepKey, Instant at) implements EscalationEvent {
        public StepNotified {
            Checks.notBlank(stepKey, "step key", 40);
            Checks.required(at, "at");
        }
    }

    record Claimed(PersonId by, Instant at) implements EscalationEvent {
        public Claimed {
            Checks.required(by, "claimed by");
            Checks.required(at, "at");
        }
    }

    record Acknowledged(PersonId by, Instant at) implements EscalationEvent {
        public Acknowledged {
            Checks.required(by, "acknowledged by");
            Checks.required(at, "at");
        }
    }

    record Cancelled(Instant at) implements EscalationEvent {
        public Cancelled {
            Checks.required(at, "at");
        }
    }
}
