package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.ChannelTasks;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.Notifier;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts over Signal through signal-cli and classifies what happened to each recipient. Every message goes
 * out in exactly one HTTP call and is never sent again by this class: when the outcome is unclear it says so
 * ({@link FailureReason#OUTCOME_UNKNOWN}), and the receipt timeout moves that person to SMS.
 */
final class SignalNotifier implements Notifier {

    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    static final Duration NETWORK_FAILURE_WAIT = Duration.ofSeconds(30);
    static final Duration NOT_CONNECTED_WAIT = Duration.ofSeconds(10);
    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SignalNotifier.class);

    private final SignalRpcClient client;
    private final ChannelTasks tasks;
    private final List<SenderAccount> senders;
    private final Set<String> accounts;
    private final int maxRecipientsPerCall;
    private final Duration retryAfterCap;
    private final AtomicBoolean reportedMissingMethod = new AtomicBoolean();

    SignalNotifier(SignalRpcClient client, ChannelTasks tasks, SignalProperties properties) {
        this.client = client;
        this.tasks = tasks;
        this.senders = properties.accounts().stream()
                .map(account -> new SenderAccount(account, properties.ratePerSecond(), false))
                .toList();
        this.accounts = Set.copyOf(properties.accounts());
        this.maxRecipientsPerCall = properties.maxRecipientsPerCall();
        this.retryAfterCap = properties.retryAfterCap();
    }

    @Override
    public Channel channel() {
        return Channel.SIGNAL;
    }

    @Override
    public List<SenderAccount> senders() {
        return senders;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        return sendAll(List.of(message)).get(message.deliveryId());
    }

    /** The pipeline hands over up to this many messages at once; identical texts then share one call. */
    @Override
    public int maxBatch() {
        return maxRecipientsPerCall;
    }

    /**
     * Identical texts from one account go out together, up to {@code maxRecipientsPerCall} people per call; group
     * messages go as one call per group. The outcomes come back in the order of {@code messages}.
     */
    @Override
    public Map<Long, SendOutcome> sendAll(List<OutboundMessage> messages) {
        Map<Long, SendOutcome> outcomes = new HashMap<>();
        List<OutboundMessage> sendable = new ArrayList<>();
        for (OutboundMessage message : messages) {
            Optional<SendOutcome> refused = refuseUnsendable(message);
            if (refused.isPresent()) {
                outcomes.put(message.deliveryId(), refused.get());
            } else {
                sendable.add(message);
            }
        }
        for (SignalCall call : SignalCall.plan(sendable, maxRecipientsPerCall)) {
            outcomes.putAll(send(call));
        }
        Map<Long, SendOutcome> ordered = new LinkedHashMap<>();
        for (OutboundMessage message : messages) {
            ordered.put(message.deliveryId(), outcomes.get(message.deliveryId()));
        }
        return ordered;
    }

    private Optional<SendOutcome> refuseUnsendable(OutboundMessage message) {
        if (!accounts.contains(message.sender())) {
            log.error("Delivery {} names a sender that is not one of aviso.signal.accounts", message.deliveryId());
            return Optional.of(new SendOutcome.Permanent(FailureReason.REJECTED, "not one of Aviso's Signal accounts"));
        }
        if (message.body() == null || message.body().isBlank()) {
            return Optional.of(new SendOutcome.Permanent(FailureReason.REJECTED, "empty message"));
        }
        if (message.signalGroupId().isPresent() && message.signalGroupId().get().isBlank()) {
            return Optional.of(new SendOutcome.Permanent(FailureReason.REJECTED, "empty Signal group id"));
        }
        return Optional.empty();
    }

    private Map<Long, SendOutcome> send(SignalCall call) {
        RpcResult<SendResult> result = call.toGroup()
                ? client.sendToGroup(call.sender(), call.groupId().get(), call.body())
                : client.send(call.sender(), call.recipients(), call.body());
        if (result instanceof RpcResult.Ok<SendResult> ok) {
            return perRecipient(call, ok.value());
        }
        return wholeCallFailed(call, result);
    }

    private Map<Long, SendOutcome> perRecipient(SignalCall call, SendResult result) {
        Map<Long, SendResult.RecipientResult> matched = match(call, result.results());
        boolean everyResultNamesItsNumber = result.results().stream().allMatch(r -> r.number().isPresent());
        Set<String> captchasRaised = new HashSet<>();
        Map<Long, SendOutcome> outcomes = new LinkedHashMap<>();
        for (OutboundMessage message : call.messages()) {
            SendResult.RecipientResult recipient = matched.get(message.deliveryId());
            SendOutcome outcome = recipient == null
                    ? noResultFor(call, everyResultNamesItsNumber)
                    : outcomeOf(call.sender(), recipient, result.timestamp(), captchasRaised);
            outcomes.put(message.deliveryId(), outcome);
        }
        log.debug("Signal {} call for {} messages: {}", call.toGroup() ? "group" : "direct",
                call.messages().size(), summary(outcomes));
        return outcomes;
    }

    /**
     * Pairs messages with results by number. Results carry no promised order, but a result without a number can
     * only be paired by position, so the results that name none of our recipients are handed out in order.
     */
    private static Map<Long, SendResult.RecipientResult> match(SignalCall call,
            List<SendResult.RecipientResult> results) {
        List<SendResult.RecipientResult> unclaimed = new ArrayList<>(results);
        Map<Long, SendResult.RecipientResult> matched = new HashMap<>();
        for (OutboundMessage message : call.messages()) {
            String number = message.to().e164();
            for (SendResult.RecipientResult result : unclaimed) {
                if (result.number().filter(number::equals).isPresent()) {
                    matched.put(message.deliveryId(), result);
                    unclaimed.remove(result);
                    break;
                }
            }
        }
        if (call.toGroup()) {
            // the other results are about the group's other members, not about whoever is missing here
            return matched;
        }
        Set<String> ourNumbers = new HashSet<>(call.recipients());
        List<SendResult.RecipientResult> anonymous = unclaimed.stream()
                .filter(r -> r.number().map(n -> !ourNumbers.contains(n)).orElse(true))
                .toList();
        int next = 0;
        for (OutboundMessage message : call.messages()) {
            if (!matched.containsKey(message.deliveryId()) && next < anonymous.size()) {
                matched.put(message.deliveryId(), anonymous.get(next++));
            }
        }
        return matched;
    }

    private static SendOutcome noResultFor(SignalCall call, boolean everyResultNamesItsNumber) {
        if (call.toGroup() && everyResultNamesItsNumber) {
            // signal-cli reported on every member, and this person was not one of them
            return new SendOutcome.Permanent(FailureReason.REJECTED, "not a member of the Signal group");
        }
        return new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN, "signal-cli gave no result for this recipient");
    }

    private SendOutcome outcomeOf(String sender, SendResult.RecipientResult result, long timestamp,
            Set<String> captchasRaised) {
        String type = result.type() == null ? "" : result.type();
        switch (type) {
            case "SUCCESS":
                return new SendOutcome.Accepted(Long.toString(timestamp), result.aci());
            case "UNREGISTERED_FAILURE":
                return new SendOutcome.Permanent(FailureReason.NOT_ON_SIGNAL, "not on Signal");
            case "IDENTITY_FAILURE":
                // the pipeline knows whose number this is; the task must not carry the number
                raise(ChannelTasks.Kind.IDENTITY_CHANGED, sender, "");
                return new SendOutcome.Permanent(FailureReason.IDENTITY_CHANGED, "safety number changed");
            case "RATE_LIMIT_FAILURE":
                if (result.token() != null && !result.token().isBlank()) {
                    if (captchasRaised.add(result.token())) {
                        raise(ChannelTasks.Kind.CAPTCHA, sender, result.token());
                    }
                    return new SendOutcome.Permanent(FailureReason.CAPTCHA_REQUIRED, result.token());
                }
                return new SendOutcome.Retryable(FailureReason.RATE_LIMITED, boundedWait(result.retryAfterSeconds()));
            case "NETWORK_FAILURE":
                return new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, NETWORK_FAILURE_WAIT);
            case "INVALID_PRE_KEY_FAILURE":
                return new SendOutcome.Permanent(FailureReason.REJECTED, "invalid pre-key");
            default:
                return new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN, "unrecognised Signal result");
        }
    }

    /** Signal's wait, within [1 s, retryAfterCap]; it has been seen negative, and 24 h is no use to an alert. */
    Duration boundedWait(Long retryAfterSeconds) {
        if (retryAfterSeconds == null) {
            return min(DEFAULT_RATE_LIMIT_WAIT, retryAfterCap);
        }
        Duration wait = Duration.ofSeconds(Math.max(retryAfterSeconds, SHORTEST_WAIT.toSeconds()));
        return min(wait, retryAfterCap);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Map<Long, SendOutcome> wholeCallFailed(SignalCall call, RpcResult<SendResult> result) {
        SendOutcome outcome = classifyCallFailure(call, result);
        log.warn("Signal {} call for {} messages failed ({}): {}", call.toGroup() ? "group" : "direct",
                call.messages().size(), SignalRpcClient.describe(result), outcomeName(outcome));
        Map<Long, SendOutcome> outcomes = new LinkedHashMap<>();
        for (OutboundMessage message : call.messages()) {
            if (outcome instanceof SendOutcome.Permanent permanent
                    && permanent.reason() == FailureReason.IDENTITY_CHANGED) {
                raise(ChannelTasks.Kind.IDENTITY_CHANGED, call.sender(), "");
            }
            outcomes.put(message.deliveryId(), outcome);
        }
        return outcomes;
    }

    private SendOutcome classifyCallFailure(SignalCall call, RpcResult<SendResult> result) {
        if (result instanceof RpcResult.NotSent<SendResult>) {
            return new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, NOT_CONNECTED_WAIT);
        }
        if (result instanceof RpcResult.Unknown<SendResult> unknown) {
            return new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN, unknown.reason());
        }
        RpcResult.Refused<SendResult> refused = (RpcResult.Refused<SendResult>) result;
        switch (refused.code()) {
            case -32603:
                if (refused.messageContains("Rate limit exceeded")) {
                    return new SendOutcome.Retryable(FailureReason.RATE_LIMITED, DEFAULT_RATE_LIMIT_WAIT);
                }
                // an I/O failure inside signal-cli's send loop: some recipients may already have it
                return new SendOutcome.Permanent(FailureReason.OUTCOME_UNKNOWN, "signal-cli failed during the send");
            case -32601:
                if (reportedMissingMethod.compareAndSet(false, true)) {
                    log.error("signal-cli does not implement 'send' over this endpoint (error -32601): is "
                            + "aviso.signal.base-url pointing at signal-cli daemon --http?");
                }
                return new SendOutcome.Permanent(FailureReason.REJECTED, "signal-cli does not know the send method");
            case -32602:
                log.error("signal-cli does not know the sending account (error -32602): check aviso.signal.accounts");
                return new SendOutcome.Permanent(FailureReason.REJECTED, "signal-cli does not know this account");
            case -1:
                return new SendOutcome.Permanent(FailureReason.REJECTED, reasonForUserError(refused, call));
            case -4:
                return new SendOutcome.Permanent(FailureReason.IDENTITY_CHANGED, "safety number changed");
            case -5:
                return new SendOutcome.Retryable(FailureReason.RATE_LIMITED, DEFAULT_RATE_LIMIT_WAIT);
            default:
                return new SendOutcome.Permanent(FailureReason.REJECTED,
                        "signal-cli refused the message (error " + refused.code() + ")");
        }
    }

    /** A short reason from our own words: signal-cli's text names the number or the group. */
    private static String reasonForUserError(RpcResult.Refused<?> refused, SignalCall call) {
        if (refused.messageContains("group not found")) {
            return "Signal group not found";
        }
        if (refused.messageContains("invalid group id")) {
            return "invalid Signal group id";
        }
        if (refused.messageContains("not a member")) {
            return "Aviso's account is not in the Signal group";
        }
        if (refused.messageContains("not allowed to send")) {
            return "Aviso's account may not post in the Signal group";
        }
        if (refused.messageContains("invalid phone number") || refused.messageContains("invalid number")) {
            return call.messages().size() == 1 ? "invalid number" : "invalid number among the recipients";
        }
        if (refused.messageContains("not registered")) {
            return "not on Signal";
        }
        return "signal-cli refused the message";
    }

    private void raise(ChannelTasks.Kind kind, String sender, String detail) {
        try {
            tasks.raise(kind, sender, Optional.empty(), detail);
        } catch (RuntimeException e) {
            // the outcome still says what happened; the task is the extra
            log.error("Could not raise a {} task ({})", kind, e.getClass().getSimpleName());
        }
    }

    private static String outcomeName(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Retryable retryable) {
            return "retry " + retryable.reason() + " after " + retryable.retryAfter().toSeconds() + " s";
        }
        if (outcome instanceof SendOutcome.Permanent permanent) {
            return permanent.reason().name();
        }
        return "accepted";
    }

    private static String summary(Map<Long, SendOutcome> outcomes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        outcomes.values().forEach(o -> counts.merge(outcomeName(o), 1, Integer::sum));
        return counts.toString();
    }
}
