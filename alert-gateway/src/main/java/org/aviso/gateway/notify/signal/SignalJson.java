package org.aviso.gateway.notify.signal;

import java.util.Optional;

import org.aviso.core.common.PhoneNumber;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings for talking to signal-cli: unknown fields are ignored (new signal-cli releases add some), and a
 * null or missing value never fails a read (every address field may be null).
 */
final class SignalJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SignalJson() {
    }

    /** A number as signal-cli wrote it, if it is one; never throws (the message would say why, not which). */
    static Optional<PhoneNumber> phone(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PhoneNumber.of(e164));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** For toString(): the masked number, so a logged DTO shows no phone number. */
    static String masked(String e164) {
        if (e164 == null) {
            return "null";
        }
        return phone(e164).map(PhoneNumber::masked).orElse("(not E.164)");
    }
}
