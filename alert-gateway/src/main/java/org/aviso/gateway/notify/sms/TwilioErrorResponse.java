package org.aviso.gateway.notify.sms;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;

/**
 * Twilio (or a proxy in front of it) answered, but not with success. Unlike the SDK's own {@link ApiException}
 * it keeps the HTTP status and the {@code Retry-After} header. Its message holds none of the answer's text,
 * because Twilio's error messages quote the recipient's number ("The 'To' number +1… is not valid").
 */
final class TwilioErrorResponse extends ApiException {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpStatus;
    private final String retryAfter;

    private TwilioErrorResponse(int httpStatus, Integer code, Integer jsonStatus, String retryAfter) {
        super("Twilio answered HTTP " + httpStatus + (code == null ? "" : " with error " + code), code, null,
                jsonStatus, httpStatus, null, null, null);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** Reads Twilio's error JSON ({@code code}, {@code status}); a body that is not that JSON leaves them empty. */
    static TwilioErrorResponse of(int httpStatus, String body, String retryAfter) {
        Integer code = null;
        Integer jsonStatus = null;
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            if (error != null && error.path("code").canConvertToInt()) {
                code = error.path("code").intValue();
            }
            if (error != null && error.path("status").canConvertToInt()) {
                jsonStatus = error.path("status").intValue();
            }
        } catch (IOException notJson) {
            // an HTML page from a proxy, or nothing: the HTTP status alone classifies it
        }
        return new TwilioErrorResponse(httpStatus, code, jsonStatus, retryAfter);
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The raw {@code Retry-After} header (seconds or an HTTP date), if Twilio sent one. */
    Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
