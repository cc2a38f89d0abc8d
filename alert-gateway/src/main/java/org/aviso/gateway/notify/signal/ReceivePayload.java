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

    /**
     * @param message     the text, null for reactions, stickers and the like (and for a photo sent alone)
     * @param attachments files sent with it; their bytes are fetched with {@code getAttachment}
     * @param groupInfo   present when it was sent in a group
     */
    record DataMessage(Long timestamp, String message, Quote quote, List<AttachmentInfo> attachments,
            GroupInfo groupInfo) {

        DataMessage {
            attachments = attachments == null ? List.of()
                    : attachments.stream().filter(a -> a != null && a.id() != null && !a.id().isBlank()).toList();
        }

        DataMessage(Long timestamp, String message, Quote quote) {
            this(timestamp, message, quote, List.of(), null);
        }

        @Override
        public String toString() {
            return "DataMessage[" + (message == null ? "no text" : message.length() + " characters")
                    + (attachments.isEmpty() ? "" : ", " + attachments.size() + " attachments") + "]";
        }
    }

    /**
     * One entry of {@code dataMessage.attachments[]}: {@code {contentType, filename, id, size, width, height, caption,
     * uploadTimestamp}}. The file name and caption are the sender's words and are not read.
     *
     * @param id the name signal-cli keeps the file under, for {@code getAttachment}
     */
    record AttachmentInfo(String contentType, String id, Long size) {

        @Override
        public String toString() {
            return "AttachmentInfo[" + contentType + ", " + size + " bytes]";
        }
    }

    /** @param groupId the group's base64 id */
    record GroupInfo(String groupId) {
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
