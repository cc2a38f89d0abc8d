package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One event from signal-cli: {@code {"account":..., "envelope":{...}}}, plus {@code exception} when signal-cli could
 * not process the envelope (for example an untrusted identity). Only what Aviso acts on is read; typing, sync,
 * story, call and edit messages are left out on purpose. Every field may be null.
 */
record ReceivePayload(String account, Envelope envelope, Problem exception) {

    /** @param sourceUuid the sender's ACI: the stable key (the number may be hidden) */
    record Envelope(String sourceNumber, String sourceUuid, Long timestamp, Long serverReceivedTimestamp,
            ReceiptMessage receiptMessage, DataMessage dataMessage) {

        @Override
        public String toString() {
            return "Envelope[from=" + SignalJson.masked(sourceNumber) + "]";
        }
    }

    /** @param timestamps the timestamps our {@code send} calls returned */
    record ReceiptMessage(Long when, @JsonProperty("isDelivery") boolean delivery, @JsonProperty("isRead") boolean read,
            @JsonProperty("isViewed") boolean viewed, List<Long> timestamps) {

        ReceiptMessage {
            timestamps = timestamps == null ? List.of() : timestamps.stream().filter(Objects::nonNull).toList();
        }
    }

    /** @param message the text, null for reactions, stickers and the like */
    record DataMessage(Long timestamp, String message, Quote quote) {

        @Override
        public String toString() {
            return "DataMessage[" + (message == null ? "no text" : message.length() + " characters") + "]";
        }
    }

    /** @param id the timestamp of the message being quoted */
    record Quote(Long id) {
    }

    /** @param type the exception's simple class name, e.g. UntrustedIdentityException */
    record Problem(String message, String type) {

        @Override
        public String toString() {
            return "Problem[" + type + "]";
        }
    }

    @Override
    public String toString() {
        return "ReceivePayload[" + envelope + ", exception=" + exception + "]";
    }
}
