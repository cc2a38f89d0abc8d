package org.aviso.gateway.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * What a notifier reports for one message. (Alertmanager's notifiers say "delivered"; here the provider has only
 * accepted the message, and delivery is confirmed later by a receipt or status callback, hence {@link Accepted}.)
 */
public sealed interface SendOutcome {

    /**
     * The provider took the message.
     *
     * @param providerRef  the Signal send timestamp or the Twilio message SID, to match receipts and callbacks
     * @param recipientAci Signal: the recipient's ACI from the send result, to match receipts; empty for SMS
     */
    record Accepted(String providerRef, Optional<String> recipientAci) implements SendOutcome {

        public static Accepted of(String providerRef) {
            return new Accepted(providerRef, Optional.empty());
        }
    }

    /** Nothing was sent; the same message may go out on the same channel after {@code retryAfter}. */
    record Retryable(FailureReason reason, Duration retryAfter) implements SendOutcome {

        public Retryable {
            if (retryAfter == null || retryAfter.isNegative()) {
                retryAfter = Duration.ZERO;
            }
        }
    }

    /**
     * This message will not go out on this channel. {@code detail} is safe to store and show to an operator
     * (for a captcha, the challenge token); it never holds a phone number or message text.
     */
    record Permanent(FailureReason reason, String detail) implements SendOutcome {

        public static Permanent of(FailureReason reason) {
            return new Permanent(reason, "");
        }
    }
}
