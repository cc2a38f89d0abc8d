package org.aviso.core.escalation;

import java.time.Instant;
import java.util.Optional;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;

/**
 * Something that happened to one recipient's delivery of one alert. The caller records these (from its outbox,
 * signal-cli and Twilio callbacks, and replies) and hands them back to {@link DeliveryPlanner}; order does not matter.
 */
public sealed interface DeliveryEvent {

    Instant at();

    /** The caller wrote an outbox row for this channel: from now on this channel is never proposed again. */
    record SendRecorded(Channel channel, Instant at) implements DeliveryEvent {
        public SendRecorded {
            Checks.required(channel, "channel");
            Checks.required(at, "at");
        }
    }

    /**
     * The Signal message left the queue: its provider call is under way (or waits for its turn) and its outcome is not
     * recorded yet. No SMS goes while it is in flight.
     *
     * @param at            when the message was queued
     * @param callStartedAt when its provider call may have started (written down before the call), if it may have:
     *                      Signal cannot have accepted it before then
     */
    record SignalInFlight(Instant at, Optional<Instant> callStartedAt) implements DeliveryEvent {
        public SignalInFlight {
            Checks.required(at, "at");
            Checks.required(callStartedAt, "callStartedAt");
        }
    }

    /**
     * The queued Signal message was withdrawn without being sent (the person got an SMS instead). It never reached
     * signal-cli, so it may be queued again if the SMS fails for good.
     */
    record SignalWithdrawn(Instant at) implements DeliveryEvent {
        public SignalWithdrawn {
            Checks.required(at, "at");
        }
    }

    /** signal-cli accepted the message; the receipt timeout counts from {@code sentAt}. */
    record SignalAccepted(Instant sentAt) implements DeliveryEvent {
        public SignalAccepted {
            Checks.required(sentAt, "sentAt");
        }

        @Override
        public Instant at() {
            return sentAt;
        }
    }

    /** For {@link SignalFailure#OUTCOME_UNKNOWN}, {@code at} is when the send was attempted. */
    record SignalFailed(SignalFailure reason, Instant at) implements DeliveryEvent {
        public SignalFailed {
            Checks.required(reason, "reason");
            Checks.required(at, "at");
        }
    }

    record SmsAccepted(Instant at) implements DeliveryEvent {
        public SmsAccepted {
            Checks.required(at, "at");
        }
    }

    /** Twilio refused or failed the SMS; either way we never send a second SMS for this alert. */
    record SmsFailed(boolean permanent, Instant at) implements DeliveryEvent {
        public SmsFailed {
            Checks.required(at, "at");
        }
    }

    record Delivered(Channel channel, Instant at) implements DeliveryEvent {
        public Delivered {
            Checks.required(channel, "channel");
            Checks.required(at, "at");
        }
    }

    record Read(Channel channel, Instant at) implements DeliveryEvent {
        public Read {
            Checks.required(channel, "channel");
            Checks.required(at, "at");
        }
    }

    /** The recipient replied OK (or an equivalent) or pressed acknowledge. */
    record Acknowledged(Instant at) implements DeliveryEvent {
        public Acknowledged {
            Checks.required(at, "at");
        }
    }

    /** The recipient opted out of SMS while this alert was going out. */
    record OptedOut(Instant at) implements DeliveryEvent {
        public OptedOut {
            Checks.required(at, "at");
        }
    }

    /**
     * An ALL_CLEAR or FALSE_ALARM ended this alert: stop everything for it. The ending message itself is a separate
     * alert with its own tracks.
     */
    record AlertCancelled(Instant at) implements DeliveryEvent {
        public AlertCancelled {
            Checks.required(at, "at");
        }
    }

    /** The caller started tracks for this recipient's backup group. */
    record BackupCovered(Instant at) implements DeliveryEvent {
        public BackupCovered {
            Checks.required(at, "at");
        }
    }
}
