package org.aviso.gateway.notify.sms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import jakarta.servlet.http.HttpServletRequest;
import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.notify.InboundEvents.InboundReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMS that people send to Aviso's numbers ("OK", "STOP", "VERIFY 4KQ7"), signed by Twilio. The reply handler behind
 * {@link InboundEvents#reply} records it and says what to answer; the answer goes back as TwiML.
 *
 * <p>Twilio itself answers its keywords (STOP, START, HELP and their synonyms, and any keyword an operator adds in
 * Advanced Opt-Out, which then arrives with {@code OptOutType}). For those Aviso still records the message but answers
 * nothing, so a person never gets two replies. Aviso's own Spanish keywords are not Twilio's: the handler answers them.
 */
@RestController
@Conditional(TwilioConfigured.class)
class TwilioInboundController {

    static final String PATH = "/webhooks/twilio/inbound";

    /** Twilio's default keywords, matched only when they are the whole message. */
    static final Set<String> TWILIO_KEYWORDS = Set.of(
            "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
            "START", "YES", "UNSTOP",
            "HELP", "INFO");
    private static final Set<String> OPT_OUT_TYPES = Set.of("STOP", "START", "HELP");
    private static final MediaType TWIML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

    private static final Logger log = LoggerFactory.getLogger(TwilioInboundController.class);

    private final TwilioWebhookSignature signature;
    private final InboundEvents events;
    private final Clock clock;

    private final boolean avisoAnswersHelp;

    /**
     * @param avisoAnswersHelp {@code aviso.sms.aviso-answers-help}: the operator set the Messaging Service's Advanced
     *                         Opt-Out so that Twilio does not answer HELP (docs/twilio-help-keyword.md); Aviso then
     *                         answers HELP and INFO with the site's resources
     */
    TwilioInboundController(TwilioWebhookSignature signature, InboundEvents events, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${aviso.sms.aviso-answers-help:false}") boolean avisoAnswersHelp) {
        this.avisoAnswersHelp = avisoAnswersHelp;
        this.signature = signature;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        if (!signature.isGenuine(request)) {
            log.warn("Refused an inbound SMS webhook without a valid Twilio signature "
                    + "(check AVISO_PUBLIC_BASE_URL and the auth token)");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String text = StringUtils.hasText(request.getParameter("Body")) ? request.getParameter("Body") : "";
        boolean twilioAnswers = providerAnswersKeyword(request.getParameter("OptOutType"), text)
                && !(avisoAnswersHelp && isHelp(request.getParameter("OptOutType"), text));
        Optional<String> answer = events.reply(new InboundReply(Channel.SMS, valueOrEmpty(request, "To"),
                phone(request.getParameter("From")), Optional.empty(), text, Optional.empty(), clock.instant(),
                twilioAnswers));
        MessagingResponse.Builder twiml = new MessagingResponse.Builder();
        if (!twilioAnswers) {
            answer.filter(StringUtils::hasText).ifPresent(reply -> twiml.message(new Message.Builder(reply).build()));
        }
        return ResponseEntity.ok().contentType(TWIML).body(twiml.build().toXml());
    }

    /** Twilio answers this message itself: Advanced Opt-Out recognised it, or it is one of Twilio's keywords. */
    static boolean providerAnswersKeyword(String optOutType, String text) {
        if (optOutType != null && OPT_OUT_TYPES.contains(optOutType.strip().toUpperCase(Locale.ROOT))) {
            return true;
        }
        return text != null && TWILIO_KEYWORDS.contains(text.strip().toUpperCase(Locale.ROOT));
    }

    static boolean isHelp(String optOutType, String text) {
        if (optOutType != null && !optOutType.isBlank()) {
            return optOutType.strip().equalsIgnoreCase("HELP");
        }
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return word.equals("HELP") || word.equals("INFO");
    }

    private static String valueOrEmpty(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** A short code or an alphanumeric sender is not a phone number: then the sender stays unknown. */
    private static Optional<PhoneNumber> phone(String from) {
        if (from == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PhoneNumber.of(from.strip()));
        } catch (IllegalArgumentException notE164) {
            return Optional.empty();
        }
    }
}
