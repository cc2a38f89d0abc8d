package org.aviso.gateway.notify.sms;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SendOutcome.Accepted;
import org.aviso.gateway.notify.SendOutcome.Permanent;
import org.aviso.gateway.notify.SenderAccount;
import org.aviso.gateway.web.PublicUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through Twilio's Messages API, one HTTP request per message (see {@link TwilioHttpClient}).
 *
 * <p>Each message asks Twilio to report its progress to {@code /webhooks/twilio/status/<delivery id>} and to give up
 * after {@link TwilioProperties#validityPeriod()}. Senders are the Messaging Service, or each configured number,
 * paced in segments per second. Logs name delivery ids and Twilio codes, never a number or a body.
 */
public class TwilioSmsNotifier implements Notifier {

    static final String STATUS_CALLBACK_PATH = "/webhooks/twilio/status/";

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsNotifier.class);

    private final TwilioRestClient client;
    private final TwilioProperties properties;
    private final PublicUrls urls;
    private final ChannelTasks tasks;
    private final TwilioCredentialStatus credentials;
    private final Clock clock;
    private final List<SenderAccount> senders;

    TwilioSmsNotifier(TwilioRestClient client, TwilioProperties properties, PublicUrls urls, ChannelTasks tasks,
            TwilioCredentialStatus credentials, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.urls = urls;
        this.tasks = tasks;
        this.credentials = credentials;
        this.clock = clock;
        this.senders = properties.messagingService()
                .map(List::of)
                .orElse(properties.fromNumbers()).stream()
                .map(id -> new SenderAccount(id, properties.ratePerSecond(), true))
                .toList();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public List<SenderAccount> senders() {
        return senders;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        SendOutcome outcome;
        try {
            Optional<MessageCreator> creator = creatorFor(message);
            if (creator.isEmpty()) {
                log.warn("SMS delivery {} names a sender that is not one of aviso.twilio.from-numbers; not sent",
                        message.deliveryId());
                return new Permanent(FailureReason.REJECTED, "sender not configured");
            }
            Message created = creator.get()
                    .setStatusCallback(URI.create(urls.path(STATUS_CALLBACK_PATH + message.deliveryId())))
                    .setValidityPeriod((int) properties.validityPeriod().toSeconds())
                    .create(client);
            outcome = created.getSid() == null || created.getSid().isBlank()
                    ? new Permanent(FailureReason.OUTCOME_UNKNOWN, "twilio accepted without a message sid")
                    : Accepted.of(created.getSid());
        } catch (RuntimeException failure) {
            outcome = TwilioOutcomes.classify(failure, clock.instant());
        }
        afterSend(message, outcome);
        return outcome;
    }

    private Optional<MessageCreator> creatorFor(OutboundMessage message) {
        com.twilio.type.PhoneNumber to = new com.twilio.type.PhoneNumber(message.to().e164());
        Optional<String> service = properties.messagingService();
        if (service.isPresent()) {
            // one sender only: Twilio picks the number from the service's pool
            return Optional.of(Message.creator(to, service.get(), message.body()));
        }
        if (!properties.fromNumbers().contains(message.sender())) {
            return Optional.empty();
        }
        return Optional.of(Message.creator(to, new com.twilio.type.PhoneNumber(message.sender()), message.body()));
    }

    private void afterSend(OutboundMessage message, SendOutcome outcome) {
        if (outcome instanceof Accepted accepted) {
            credentials.markAccepted();
            log.debug("SMS delivery {} accepted by Twilio as {}", message.deliveryId(), accepted.providerRef());
        } else if (outcome instanceof Permanent permanent
                && permanent.reason() == FailureReason.AUTHENTICATION_FAILED) {
            credentialsRefused(message);
        } else if (outcome instanceof Permanent permanent) {
            log.info("SMS delivery {} not delivered: {} ({})", message.deliveryId(), permanent.reason(),
                    permanent.detail());
        } else if (outcome instanceof SendOutcome.Retryable retryable) {
            log.info("SMS delivery {} not sent yet: {}, try again after {}", message.deliveryId(),
                    retryable.reason(), retryable.retryAfter());
        }
    }

    private void credentialsRefused(OutboundMessage message) {
        if (!credentials.markRefused()) {
            log.debug("SMS delivery {} refused: credentials still refused", message.deliveryId());
            return;
        }
        log.error(TwilioCredentialStatus.REFUSED);
        try {
            tasks.raise(ChannelTasks.Kind.CREDENTIALS_REFUSED,
                    properties.messagingService().orElse(message.sender()), Optional.empty(),
                    TwilioCredentialStatus.REFUSED);
        } catch (RuntimeException taskFailed) {
            // the readiness health still shows the refusal; the send's outcome must not depend on the console
            log.warn("Could not raise the console task for refused Twilio credentials ({})",
                    taskFailed.getClass().getSimpleName());
        }
    }
}
