package org.aviso.gateway.notify.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.twilio.exception.ApiException;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SendOutcome.Permanent;
import org.aviso.gateway.notify.SendOutcome.Retryable;

/**
 * Turns a failed Twilio call into the outcome the delivery pipeline acts on. Error codes come first (they are
 * precise), then the HTTP status. Details name only Twilio codes: never a number, a body or a token.
 */
final class TwilioOutcomes {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    /** The sender's queue at Twilio is full (21611): it drains at the sender's MPS, so wait longer. */
    static final Duration QUEUE_FULL_BACKOFF = Duration.ofMinutes(1);
    static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    static final int AUTHENTICATION = 20003;
    static final int TOO_MANY_REQUESTS = 20429;
    static final int INVALID_TO = 21211;
    static final int OPTED_OUT = 21610;
    static final int QUEUE_FULL = 21611;
    static final int NOT_MOBILE = 21614;

    private TwilioOutcomes() {
    }

    static SendOutcome classify(RuntimeException failure, Instant now) {
        if (failure instanceof TwilioConnectionFailure connection) {
            // "Connection failures are retried" holds only where nothing reached Twilio: a refused or timed-out
            // connection. After the request went out (read timeout, reset, unreadable answer) Twilio may have
            // accepted the message, and its Messages API has no idempotency key, so a retry could send the same
            // alert twice. That outcome is unknown and final for SMS; the pipeline's receipt timeout and status
            // callbacks (which still arrive if Twilio took it) tell what happened.
            return connection.requestSent()
                    ? new Permanent(FailureReason.OUTCOME_UNKNOWN, connection.detail())
                    : new Retryable(FailureReason.NETWORK_ERROR, FIRST_BACKOFF);
        }
        if (!(failure instanceof ApiException api)) {
            return new Permanent(FailureReason.OUTCOME_UNKNOWN, "unexpected " + failure.getClass().getSimpleName());
        }
        int http = httpStatus(api);
        Integer code = api.getCode();
        if (code == null && http == 0) {
            // the SDK could not read an answer (an empty or malformed 201 body): Twilio may well have the message
            return new Permanent(FailureReason.OUTCOME_UNKNOWN, "twilio answer unreadable");
        }
        Optional<Duration> retryAfter = failure instanceof TwilioErrorResponse error
                ? error.retryAfter().flatMap(header -> parseRetryAfter(header, now))
                : Optional.empty();
        if (code != null) {
            switch (code) {
                case AUTHENTICATION:
                    return new Permanent(FailureReason.AUTHENTICATION_FAILED, "twilio " + code);
                case TOO_MANY_REQUESTS:
                    return new Retryable(FailureReason.RATE_LIMITED, backoff(FIRST_BACKOFF, retryAfter));
                case QUEUE_FULL:
                    return new Retryable(FailureReason.RATE_LIMITED, backoff(QUEUE_FULL_BACKOFF, retryAfter));
                case INVALID_TO:
                    return new Permanent(FailureReason.INVALID_NUMBER, "twilio " + code);
                case NOT_MOBILE:
                    return new Permanent(FailureReason.NOT_MOBILE, "twilio " + code);
                case OPTED_OUT:
                    return new Permanent(FailureReason.OPTED_OUT, "twilio " + code);
                default:
                    break;
            }
        }
        String twilioCode = code != null ? "twilio " + code : "twilio http " + http;
        if (http == 401) {
            return new Permanent(FailureReason.AUTHENTICATION_FAILED, twilioCode);
        }
        if (http == 429) {
            return new Retryable(FailureReason.RATE_LIMITED, backoff(FIRST_BACKOFF, retryAfter));
        }
        if (http >= 500 && http <= 599) {
            return new Retryable(FailureReason.PROVIDER_ERROR, backoff(FIRST_BACKOFF, retryAfter));
        }
        if (http >= 400 && http <= 499) {
            return new Permanent(FailureReason.REJECTED, twilioCode);
        }
        // 1xx or 3xx for a POST: something answered that is not Twilio's API; it may have passed the message on
        return new Permanent(FailureReason.OUTCOME_UNKNOWN, twilioCode);
    }

    /**
     * The real HTTP status when our client saw it; otherwise what Twilio wrote in the error JSON ({@code status}
     * is the JSON field, not the status line, and a stub may leave it out: then 0).
     */
    private static int httpStatus(ApiException api) {
        if (api instanceof TwilioErrorResponse error) {
            return error.httpStatus();
        }
        if (api.getHttpStatusCode() != null && api.getHttpStatusCode() > 0) {
            return api.getHttpStatusCode();
        }
        return api.getStatusCode() != null && api.getStatusCode() > 0 ? api.getStatusCode() : 0;
    }

    private static Duration backoff(Duration base, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.filter(asked -> asked.compareTo(base) > 0).orElse(base);
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    /** {@code Retry-After} is either whole seconds or an HTTP date (RFC 9110). */
    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        String value = header.strip();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
