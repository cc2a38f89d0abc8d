package org.aviso.gateway.notify.sms;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.aviso.gateway.notify.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks: one signed POST per step of a message ({@code accepted}/{@code queued}, {@code sent},
 * then {@code delivered}, {@code undelivered} or {@code failed}, the last two with an {@code ErrorCode} such as
 * 30003 unreachable, 30005 unknown number, 30006 landline, 30036 validity period expired).
 *
 * <p>This controller only checks the signature and hands each callback on as it came; {@link
 * InboundEvents#smsStatus} owns the semantics: statuses only move forward (a late {@code sent} never replaces
 * {@code delivered}) and a repeated (MessageSid, MessageStatus) changes nothing. The delivery id is in the path
 * because Aviso put it there when sending; the answer is an empty 204, which is all Twilio reads.
 */
@RestController
@Conditional(TwilioConfigured.class)
class TwilioStatusCallbackController {

    private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbackController.class);

    private final TwilioWebhookSignature signature;
    private final InboundEvents events;
    private final Clock clock;

    TwilioStatusCallbackController(TwilioWebhookSignature signature, InboundEvents events, Clock clock) {
        this.signature = signature;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping(TwilioSmsNotifier.STATUS_CALLBACK_PATH + "{deliveryId}")
    ResponseEntity<Void> status(@PathVariable long deliveryId, HttpServletRequest request) {
        if (!signature.isGenuine(request)) {
            log.warn("Refused a status callback for SMS delivery {} without a valid Twilio signature "
                    + "(check AVISO_PUBLIC_BASE_URL and the auth token)", deliveryId);
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String messageSid = request.getParameter("MessageSid");
        String status = StringUtils.hasText(request.getParameter("MessageStatus"))
                ? request.getParameter("MessageStatus") : request.getParameter("SmsStatus");
        if (!StringUtils.hasText(messageSid) || !StringUtils.hasText(status)) {
            log.warn("A signed status callback for SMS delivery {} had no MessageSid or MessageStatus", deliveryId);
            return ResponseEntity.badRequest().build();
        }
        events.smsStatus(deliveryId, messageSid, status, errorCode(request.getParameter("ErrorCode")),
                clock.instant());
        return ResponseEntity.noContent().build();
    }

    private static Optional<Integer> errorCode(String value) {
        if (value == null || !value.strip().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value.strip()));
    }
}
