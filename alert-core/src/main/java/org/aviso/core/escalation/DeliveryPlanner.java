package org.aviso.core.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.Channel;
import org.aviso.core.common.Checks;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.SignalStatus;

/**
 * Decides, for one recipient of one alert, which message goes out on which channel now.
 *
 * <p>Rules, in the order they apply:
 * <ol>
 *   <li>A cancelled alert or an acknowledgement stops everything for this person, backup included.</li>
 *   <li>Signal first when the number is on Signal or not known to be off it; SMS straight away when it is not on
 *       Signal or its identity changed.</li>
 *   <li>After Signal: SMS at once when Signal answers unregistered, identity changed or captcha; SMS after the receipt
 *       timeout when no delivery receipt arrived, counted from signal-cli's accept (or from the attempt when the
 *       outcome is unknown), never from the queueing. No SMS while the Signal message is in flight. A Signal message
 *       still queued past the network's queue limit is withdrawn and the person gets an SMS instead (one channel);
 *       if that SMS fails for good, Signal is tried again. Never SMS once Signal reports delivery or read.</li>
 *   <li>At most one Signal message and one SMS per track, ever: a channel with a {@link DeliveryEvent.SendRecorded}
 *       is never proposed again, which also makes an ambiguous Signal send safe (it is never blindly retried).</li>
 *   <li>No SMS to someone who opted out or whose SMS is unusable.</li>
 *   <li>Someone who must acknowledge and has a backup group is covered by it once the acknowledgement timeout passes,
 *       or at once when no channel can reach them (they cannot acknowledge what they never get).</li>
 * </ol>
 *
 * <p>Pure: events are treated as a set, so their order and repetition do not matter, and the same input always
 * gives the same decision.
 */
public final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    public static RecipientDecision decide(RecipientTrack track, List<DeliveryEvent> events, Instant now) {
        Checks.required(track, "track");
        Checks.noNulls(events, "events");
        Checks.required(now, "now");
        Facts facts = Facts.of(events);
        if (track.cancelled() || facts.cancelled) {
            return new RecipientDecision(List.of(), Optional.empty(), false, RecipientState.CANCELLED);
        }
        if (facts.acknowledged) {
            return new RecipientDecision(List.of(), Optional.empty(), false, RecipientState.ACKNOWLEDGED);
        }

        Recipient recipient = track.recipient();
        ContactPoint contact = recipient.contact();
        boolean signalAllowed = track.channels() != ChannelPolicy.SMS_ONLY && contact.reachableBySignal();
        boolean smsAllowed = track.channels() != ChannelPolicy.SIGNAL_ONLY && contact.reachableBySms() && !facts.optedOut;
        boolean signalArrived = facts.delivered.contains(Channel.SIGNAL) || facts.read.contains(Channel.SIGNAL);
        boolean smsStillOpen = smsAllowed && facts.smsRecordedAt.isEmpty() && !signalArrived;

        List<ChannelSend> send = new ArrayList<>();
        Optional<Instant> receiptDeadline = Optional.empty();
        switch (track.channels()) {
            case SMS_ONLY -> {
                if (smsStillOpen) {
                    send.add(new ChannelSend(Channel.SMS, SendReason.FIRST_CONTACT));
                }
            }
            case SIGNAL_ONLY -> {
                if (signalAllowed && facts.signalRecordedAt.isEmpty()) {
                    send.add(new ChannelSend(Channel.SIGNAL, SendReason.FIRST_CONTACT));
                }
            }
            case SIGNAL_AND_SMS -> {
                if (signalAllowed && facts.signalRecordedAt.isEmpty()) {
                    send.add(new ChannelSend(Channel.SIGNAL, SendReason.BOTH_CHANNELS));
                }
                if (smsStillOpen) {
                    send.add(new ChannelSend(Channel.SMS,
                            signalAllowed ? SendReason.BOTH_CHANNELS : smsWithoutSignal(contact)));
                }
            }
            case SIGNAL_THEN_SMS -> {
                if (facts.signalRecordedAt.isEmpty() && signalAllowed) {
                    send.add(new ChannelSend(Channel.SIGNAL, SendReason.FIRST_CONTACT));
                    if (smsStillOpen) {
                        // the caller queues it about now; if it is still queued at the queue limit, SMS goes instead.
                        // Looked at again no later than the receipt timeout from now either: that is the earliest
                        // the timeout can run out (if Signal accepts the message at once), and an accepted send
                        // writes nothing to the track, so this look is what starts the receipt clock's wait
                        receiptDeadline = Optional.of(now.plus(shorter(track.signalQueueLimit(), track.receiptTimeout())));
                    }
                } else if (facts.signalRecordedAt.isEmpty()) {
                    if (smsStillOpen) {
                        send.add(new ChannelSend(Channel.SMS, smsWithoutSignal(contact)));
                    }
                } else if (facts.signalWithdrawn) {
                    // Signal was withdrawn unsent for an SMS; if that SMS failed for good, Signal is tried again
                    if (facts.smsFailed && signalAllowed && !facts.arrivedAnywhere()) {
                        send.add(new ChannelSend(Channel.SIGNAL, SendReason.SIGNAL_AGAIN_AFTER_SMS_FAILED));
                    }
                } else if (smsStillOpen) {
                    if (facts.signalFailedForGood) {
                        send.add(new ChannelSend(Channel.SMS, SendReason.SIGNAL_FAILED));
                    } else if (facts.signalAcceptedAt.isPresent() || facts.outcomeUnknownAt.isPresent()) {
                        Instant deadline = facts.receiptClockStart().plus(track.receiptTimeout());
                        if (now.isBefore(deadline)) {
                            receiptDeadline = Optional.of(deadline);
                        } else {
                            send.add(new ChannelSend(Channel.SMS, SendReason.NO_RECEIPT));
                        }
                    } else if (!facts.signalInFlight) {
                        // still queued: the receipt clock has not started; past the queue limit, SMS instead (and a
                        // look within the receipt timeout, in case it is accepted meanwhile: see the first send)
                        Instant deadline = facts.signalRecordedAt.get().plus(track.signalQueueLimit());
                        if (now.isBefore(deadline)) {
                            receiptDeadline = Optional.of(earlier(deadline, now.plus(track.receiptTimeout())));
                        } else {
                            send.add(new ChannelSend(Channel.SMS, SendReason.SIGNAL_QUEUE_TOO_LONG));
                        }
                    } else {
                        // in flight: no SMS while the provider call is under way. A failure wakes this track; an
                        // acceptance does not, and may already have come without being written down yet (outcomes
                        // are written in batches). It cannot have come before the call started, nor, if the call
                        // has not started, before now: its receipt clock runs out no sooner than the receipt timeout
                        // from then, so look again then. A call in flight longer than that is looked at every few
                        // seconds until its outcome is written, not in a busy loop
                        Instant earliestAccept = facts.signalCallStartedAt.orElse(now);
                        receiptDeadline = Optional.of(later(earliestAccept.plus(track.receiptTimeout()),
                                now.plus(shorter(IN_FLIGHT_LOOK, track.receiptTimeout()))));
                    }
                }
            }
            default -> throw new IllegalStateException("unknown channel policy");
        }

        RecipientState state = state(track, facts, signalAllowed, smsAllowed);
        boolean unreachable = state == RecipientState.UNREACHABLE || state == RecipientState.OPTED_OUT;
        boolean cover = false;
        Optional<Instant> ackDeadline = Optional.empty();
        if (recipient.acknowledgementRequired() && recipient.backup().isPresent() && !facts.backupCovered) {
            Instant deadline = track.startedAt().plus(recipient.acknowledgementTimeout());
            if (unreachable || !now.isBefore(deadline)) {
                cover = true;
            } else {
                ackDeadline = Optional.of(deadline);
            }
        }
        return new RecipientDecision(send, earliest(receiptDeadline, ackDeadline), cover, state);
    }

    private static SendReason smsWithoutSignal(ContactPoint contact) {
        return contact.signal() == SignalStatus.NOT_ON_SIGNAL ? SendReason.NOT_ON_SIGNAL : SendReason.SIGNAL_FAILED;
    }

    private static RecipientState state(RecipientTrack track, Facts facts, boolean signalAllowed,
            boolean smsAllowed) {
        if (!facts.read.isEmpty()) {
            return RecipientState.READ;
        }
        if (!facts.delivered.isEmpty()) {
            return RecipientState.DELIVERED;
        }
        boolean signalMayArrive = facts.signalWithdrawn ? signalAllowed && facts.smsFailed
                : facts.signalRecordedAt.isPresent() ? !facts.signalFailedForGood : signalAllowed;
        boolean smsMayArrive = facts.smsRecordedAt.isPresent() ? !facts.smsFailed : smsAllowed;
        if (!signalMayArrive && !smsMayArrive) {
            boolean optedOut = facts.optedOut || track.recipient().contact().smsOptedOut();
            return optedOut && facts.smsRecordedAt.isEmpty() ? RecipientState.OPTED_OUT : RecipientState.UNREACHABLE;
        }
        if (facts.signalRecordedAt.isPresent() && facts.smsRecordedAt.isPresent()
                && track.channels() == ChannelPolicy.SIGNAL_THEN_SMS) {
            return RecipientState.FELL_BACK;
        }
        if (facts.signalRecordedAt.isPresent() || facts.smsRecordedAt.isPresent()) {
            return RecipientState.SENT;
        }
        return RecipientState.QUEUED;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How soon a Signal message in flight past its earliest receipt deadline is looked at again. */
    public static final Duration IN_FLIGHT_LOOK = Duration.ofSeconds(5);

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }

    /** The events reduced to what the rules need; independent of order and duplicates. */
    private static final class Facts {
        Optional<Instant> signalRecordedAt = Optional.empty();
        Optional<Instant> smsRecordedAt = Optional.empty();
        Optional<Instant> signalAcceptedAt = Optional.empty();
        Optional<Instant> outcomeUnknownAt = Optional.empty();
        boolean signalFailedForGood;
        boolean signalInFlight;
        Optional<Instant> signalCallStartedAt = Optional.empty();
        boolean signalWithdrawn;
        boolean smsFailed;
        final Set<Channel> delivered = EnumSet.noneOf(Channel.class);
        final Set<Channel> read = EnumSet.noneOf(Channel.class);
        boolean acknowledged;
        boolean optedOut;
        boolean cancelled;
        boolean backupCovered;

        static Facts of(List<DeliveryEvent> events) {
            Facts f = new Facts();
            for (DeliveryEvent event : events) {
                f.add(event);
            }
            return f;
        }

        private void add(DeliveryEvent event) {
            if (event instanceof DeliveryEvent.SendRecorded sent) {
                if (sent.channel() == Channel.SIGNAL) {
                    signalRecordedAt = min(signalRecordedAt, sent.at());
                } else {
                    smsRecordedAt = min(smsRecordedAt, sent.at());
                }
            } else if (event instanceof DeliveryEvent.SignalAccepted accepted) {
                signalAcceptedAt = min(signalAcceptedAt, accepted.sentAt());
            } else if (event instanceof DeliveryEvent.SignalFailed failed) {
                if (failed.reason().fallBackNow()) {
                    signalFailedForGood = true;
                } else {
                    outcomeUnknownAt = min(outcomeUnknownAt, failed.at());
                }
            } else if (event instanceof DeliveryEvent.SignalInFlight inFlight) {
                signalInFlight = true;
                if (inFlight.callStartedAt().isPresent()) {
                    signalCallStartedAt = min(signalCallStartedAt, inFlight.callStartedAt().get());
                }
            } else if (event instanceof DeliveryEvent.SignalWithdrawn) {
                signalWithdrawn = true;
            } else if (event instanceof DeliveryEvent.SmsFailed) {
                smsFailed = true;
            } else if (event instanceof DeliveryEvent.Delivered d) {
                delivered.add(d.channel());
            } else if (event instanceof DeliveryEvent.Read r) {
                read.add(r.channel());
            } else if (event instanceof DeliveryEvent.Acknowledged) {
                acknowledged = true;
            } else if (event instanceof DeliveryEvent.OptedOut) {
                optedOut = true;
            } else if (event instanceof DeliveryEvent.AlertCancelled) {
                cancelled = true;
            } else if (event instanceof DeliveryEvent.BackupCovered) {
                backupCovered = true;
            }
            // SmsAccepted changes nothing the rules decide on: the track is already SENT.
        }

        /** When signal-cli accepted the message, else when the ambiguous attempt started; never the queueing. */
        Instant receiptClockStart() {
            return signalAcceptedAt.or(() -> outcomeUnknownAt).orElseThrow();
        }

        boolean arrivedAnywhere() {
            return !delivered.isEmpty() || !read.isEmpty();
        }

        private static Optional<Instant> min(Optional<Instant> current, Instant candidate) {
            return current.filter(c -> !c.isAfter(candidate)).or(() -> Optional.of(candidate));
        }
    }
}
