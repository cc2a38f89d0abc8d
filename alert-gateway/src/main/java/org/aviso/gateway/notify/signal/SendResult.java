package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What signal-cli answers to {@code send}: one timestamp for the whole call (receipts point back to it) and one
 * result per recipient, in no promised order.
 */
record SendResult(Long timestamp, List<RecipientResult> results) {

    SendResult {
        results = results == null ? List.of() : results.stream().filter(Objects::nonNull).toList();
    }

    /**
     * @param type              SUCCESS, NETWORK_FAILURE, UNREGISTERED_FAILURE, IDENTITY_FAILURE, RATE_LIMIT_FAILURE
     *                          or INVALID_PRE_KEY_FAILURE (anything else is treated as unknown)
     * @param token             present only for a captcha challenge
     * @param retryAfterSeconds present only when Signal named a wait (it has been seen negative)
     */
    record RecipientResult(RecipientAddress recipientAddress, String groupId, String type, String token,
            Long retryAfterSeconds) {

        Optional<String> number() {
            return recipientAddress == null ? Optional.empty() : Optional.ofNullable(recipientAddress.number());
        }

        Optional<String> aci() {
            return recipientAddress == null ? Optional.empty() : Optional.ofNullable(recipientAddress.uuid());
        }

        @Override
        public String toString() {
            return "RecipientResult[" + type + ", " + recipientAddress + "]";
        }
    }

    /** Who a result is about. Any of the three may be null. */
    record RecipientAddress(String uuid, String number, String username) {

        @Override
        public String toString() {
            return "RecipientAddress[number=" + SignalJson.masked(number) + "]";
        }
    }
}
