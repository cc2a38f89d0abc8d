package org.aviso.core.escalation;

import static org.aviso.core.common.Channel.SIGNAL;
import static org.aviso.core.common.Channel.SMS;
import static org.aviso.core.testing.RecipientBuilder.aFamily;
import static org.aviso.core.testing.RecipientBuilder.aRecipient;
import static org.aviso.core.testing.TestClock.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aviso.core.alert.Recipient;
import org.aviso.core.common.GroupId;
import org.aviso.core.escalation.DeliveryEvent.AlertCancelled;
import org.aviso.core.escalation.DeliveryEvent.Delivered;
import org.aviso.core.escalation.DeliveryEvent.OptedOut;
import org.aviso.core.escalation.DeliveryEvent.Read;
import org.aviso.core.escalation.DeliveryEvent.SendRecorded;
import org.aviso.core.escalation.DeliveryEvent.SignalAccepted;
import org.aviso.core.escalation.DeliveryEvent.SmsAccepted;
import org.aviso.core.escalation.DeliveryEvent.SmsFailed;
import org.aviso.core.tree.Network;
import org.aviso.core.tree.SignalStatus;
import org.junit.jupiter.api.Test;

class DeliveryPlannerTest {

    private final DeliveryRules rules = DeliveryRules.defaults();

    private RecipientDecision decide(Recipient recipient, ChannelPolicy channels, List<DeliveryEvent> events,
            Duration after) {
        return DeliveryPlanner.decide(rules.track(recipient, T0, channels), events, T0.plus(after));
    }

    @Test
    void smsOnlyNeverUsesSignal() {
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SMS_ONLY, List.of(), Duration.ZERO);

        assertThat(decision.send()).containsExactly(new ChannelSend(SMS, SendReason.FIRST_CONTACT));
        assertThat(decision.state()).isEqualTo(RecipientState.QUEUED);
    }

    @Test
    void signalOnlySendsOneSignalMessageAndNeverFallsBackToSms() {
        RecipientDecision first = decide(aFamily().build(), ChannelPolicy.SIGNAL_ONLY, List.of(), Duration.ZERO);
        RecipientDecision afterTimeout = decide(aFamily().build(), ChannelPolicy.SIGNAL_ONLY,
                List.of(new SendRecorded(SIGNAL, T0), new SignalAccepted(T0)), Duration.ofHours(1));

        assertThat(first.send()).containsExactly(new ChannelSend(SIGNAL, SendReason.FIRST_CONTACT));
        assertThat(afterTimeout.send()).isEmpty();
        assertThat(afterTimeout.nextCheckAt()).isEmpty();
        assertThat(afterTimeout.state()).isEqualTo(RecipientState.SENT);
    }

    @Test
    void signalOnlyLeavesSomeoneOffSignalUnreachableInsteadOfTexting() {
        RecipientDecision notOnSignal = decide(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build(),
                ChannelPolicy.SIGNAL_ONLY, List.of(), Duration.ZERO);
        RecipientDecision unregistered = decide(aFamily().build(), ChannelPolicy.SIGNAL_ONLY,
                List.of(new SendRecorded(SIGNAL, T0),
                        new DeliveryEvent.SignalFailed(SignalFailure.UNREGISTERED, T0)), Duration.ofSeconds(1));

        assertThat(notOnSignal.send()).isEmpty();
        assertThat(notOnSignal.state()).isEqualTo(RecipientState.UNREACHABLE);
        assertThat(unregistered.send()).isEmpty();
        assertThat(unregistered.state()).isEqualTo(RecipientState.UNREACHABLE);
    }

    @Test
    void bothChannelsAtOnceUsesOnlySmsForSomeoneNotOnSignal() {
        RecipientDecision decision = decide(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build(),
                ChannelPolicy.SIGNAL_AND_SMS, List.of(), Duration.ZERO);

        assertThat(decision.send()).containsExactly(new ChannelSend(SMS, SendReason.NOT_ON_SIGNAL));
    }

    @Test
    void bothChannelsSkipsSmsOnceSignalWasRead() {
        RecipientDecision decision = decide(aRecipient().build(), ChannelPolicy.SIGNAL_AND_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new Read(SIGNAL, T0.plusSeconds(3))), Duration.ofSeconds(5));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.state()).isEqualTo(RecipientState.READ);
    }

    @Test
    void anEndedAlertStopsEverythingIncludingAPendingFallbackAndBackup() {
        Recipient lead = aRecipient().mustAcknowledgeWithin(Duration.ofMinutes(5), GroupId.random()).build();
        List<DeliveryEvent> events = List.of(new SendRecorded(SIGNAL, T0), new AlertCancelled(T0.plusSeconds(30)));

        RecipientDecision decision = decide(lead, ChannelPolicy.SIGNAL_THEN_SMS, events, Duration.ofMinutes(10));

        assertThat(decision.isSettled()).isTrue();
        assertThat(decision.state()).isEqualTo(RecipientState.CANCELLED);
        assertThat(DeliveryPlanner.decide(rules.track(lead, T0, ChannelPolicy.SIGNAL_THEN_SMS).cancel(), List.of(),
                T0).state()).isEqualTo(RecipientState.CANCELLED);
    }

    @Test
    void anOptOutDuringTheAlertPreventsTheFallbackSms() {
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new OptedOut(T0.plusSeconds(10))), Duration.ofSeconds(120));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.state()).isEqualTo(RecipientState.SENT);
    }

    @Test
    void receiptTimeoutCountsFromWhenSignalAcceptedTheMessage() {
        List<DeliveryEvent> events = List.of(new SendRecorded(SIGNAL, T0), new SignalAccepted(T0.plusSeconds(40)));

        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, events,
                Duration.ofSeconds(100));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.nextCheckAt()).contains(T0.plusSeconds(130));
    }

    @Test
    void aSignalMessageStillQueuedPastTheReceiptTimeoutGetsNoSmsBeforeTheQueueLimit() {
        // a paced queue: recorded at T0, not sent yet 100 s later (the receipt timeout is 90 s)
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0)), Duration.ofSeconds(100));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.nextCheckAt()).contains(T0.plus(RecipientTrack.DEFAULT_SIGNAL_QUEUE_LIMIT));
    }

    @Test
    void aSignalMessageQueuedPastTheQueueLimitIsReplacedBySms() {
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0)), RecipientTrack.DEFAULT_SIGNAL_QUEUE_LIMIT);

        assertThat(decision.send()).containsExactly(new ChannelSend(SMS, SendReason.SIGNAL_QUEUE_TOO_LONG));
    }

    @Test
    void theQueueLimitIsTheNetworksSetting() {
        RecipientTrack track = new RecipientTrack(aFamily().build(), T0, ChannelPolicy.SIGNAL_THEN_SMS,
                Duration.ofSeconds(90), Duration.ofSeconds(30), false);

        assertThat(DeliveryPlanner.decide(track, List.of(new SendRecorded(SIGNAL, T0)), T0.plusSeconds(29)).send())
                .isEmpty();
        assertThat(DeliveryPlanner.decide(track, List.of(new SendRecorded(SIGNAL, T0)), T0.plusSeconds(30)).send())
                .containsExactly(new ChannelSend(SMS, SendReason.SIGNAL_QUEUE_TOO_LONG));
        assertThat(DeliveryPlanner.decide(track, List.of(), T0).nextCheckAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void noSmsWhileTheSignalMessageIsInFlight() {
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new DeliveryEvent.SignalInFlight(T0, Optional.empty())),
                Duration.ofMinutes(3));

        assertThat(decision.send()).isEmpty();
        // a failure wakes the track; an acceptance does not, and with no call started yet it comes after now: looked
        // at again when its receipt timeout could first run out
        assertThat(decision.nextCheckAt()).contains(T0.plus(Duration.ofMinutes(3)).plusSeconds(90));
    }

    @Test
    void aSignalCallUnderWayIsLookedAtWhenTheReceiptTimeoutFromItsStartRunsOut() {
        // the call started at T0 + 170 s; Signal may have accepted it since, with the outcome not written down yet
        RecipientDecision decision = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new DeliveryEvent.SignalInFlight(T0,
                        Optional.of(T0.plusSeconds(170)))),
                Duration.ofMinutes(3));
        // in flight for longer than the receipt timeout (a call that hangs): looked at again a few seconds on
        RecipientDecision hanging = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new DeliveryEvent.SignalInFlight(T0,
                        Optional.of(T0.plusSeconds(170)))),
                Duration.ofSeconds(170 + 95));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.nextCheckAt()).contains(T0.plusSeconds(170 + 90));
        assertThat(hanging.send()).isEmpty();
        assertThat(hanging.nextCheckAt()).contains(T0.plusSeconds(170 + 95).plus(DeliveryPlanner.IN_FLIGHT_LOOK));
    }

    @Test
    void aFirstSignalSendIsLookedAtAgainWithinTheReceiptTimeoutWhenThatIsShorterThanTheQueueLimit() {
        RecipientTrack track = new RecipientTrack(aFamily().build(), T0, ChannelPolicy.SIGNAL_THEN_SMS,
                Duration.ofSeconds(45), Duration.ofSeconds(120), false);

        RecipientDecision first = DeliveryPlanner.decide(track, List.of(), T0);
        // accepted at once, so its receipt clock runs out at T0 + 45 s: the look set at the first send is that one
        RecipientDecision accepted = DeliveryPlanner.decide(track,
                List.of(new SendRecorded(SIGNAL, T0), new SignalAccepted(T0)), T0.plusSeconds(45));
        // still queued at that look: looked at again at the latest 45 s on, and at the queue limit
        RecipientDecision queued = DeliveryPlanner.decide(track, List.of(new SendRecorded(SIGNAL, T0)),
                T0.plusSeconds(45));
        RecipientDecision queuedLate = DeliveryPlanner.decide(track, List.of(new SendRecorded(SIGNAL, T0)),
                T0.plusSeconds(100));

        assertThat(first.send()).containsExactly(new ChannelSend(SIGNAL, SendReason.FIRST_CONTACT));
        assertThat(first.nextCheckAt()).contains(T0.plusSeconds(45));
        assertThat(accepted.send()).containsExactly(new ChannelSend(SMS, SendReason.NO_RECEIPT));
        assertThat(queued.send()).isEmpty();
        assertThat(queued.nextCheckAt()).contains(T0.plusSeconds(90));
        assertThat(queuedLate.nextCheckAt()).contains(T0.plusSeconds(120));
    }

    @Test
    void theReceiptTimeoutStartsWhenSignalAcceptedALateQueuedMessage() {
        List<DeliveryEvent> events = List.of(new SendRecorded(SIGNAL, T0), new SignalAccepted(T0.plusSeconds(100)));

        RecipientDecision before = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, events,
                Duration.ofSeconds(189));
        RecipientDecision after = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, events,
                Duration.ofSeconds(190));

        assertThat(before.send()).isEmpty();
        assertThat(before.nextCheckAt()).contains(T0.plusSeconds(190));
        assertThat(after.send()).containsExactly(new ChannelSend(SMS, SendReason.NO_RECEIPT));
    }

    @Test
    void anUnknownSignalOutcomeWaitsTheReceiptTimeoutFromTheAttempt() {
        List<DeliveryEvent> events = List.of(new SendRecorded(SIGNAL, T0),
                new DeliveryEvent.SignalFailed(SignalFailure.OUTCOME_UNKNOWN, T0.plusSeconds(10)));

        assertThat(decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, events, Duration.ofSeconds(99)).send())
                .isEmpty();
        assertThat(decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, events, Duration.ofSeconds(100)).send())
                .containsExactly(new ChannelSend(SMS, SendReason.NO_RECEIPT));
        assertThat(decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, java.util.stream.Stream.concat(
                events.stream(), java.util.stream.Stream.of(new Delivered(SIGNAL, T0.plusSeconds(50)))).toList(),
                Duration.ofSeconds(100)).send()).as("a late receipt confirms it").isEmpty();
    }

    @Test
    void aWithdrawnSignalMessageIsTriedAgainWhenTheSmsFailsForGood() {
        List<DeliveryEvent> withdrawn = List.of(new SendRecorded(SIGNAL, T0),
                new DeliveryEvent.SignalWithdrawn(T0.plusSeconds(120)), new SendRecorded(SMS, T0.plusSeconds(120)));
        List<DeliveryEvent> smsFailed = java.util.stream.Stream.concat(withdrawn.stream(),
                java.util.stream.Stream.of(new SmsFailed(true, T0.plusSeconds(121)))).toList();

        RecipientDecision smsPending = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, withdrawn,
                Duration.ofSeconds(121));
        RecipientDecision again = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS, smsFailed,
                Duration.ofSeconds(122));
        RecipientDecision afterAllClear = decide(aFamily().build(), ChannelPolicy.SIGNAL_THEN_SMS,
                java.util.stream.Stream.concat(smsFailed.stream(), java.util.stream.Stream.of(
                        new AlertCancelled(T0.plusSeconds(121)))).toList(), Duration.ofSeconds(122));

        assertThat(smsPending.send()).isEmpty();
        assertThat(smsPending.state()).isEqualTo(RecipientState.FELL_BACK);
        assertThat(again.send()).containsExactly(new ChannelSend(SIGNAL, SendReason.SIGNAL_AGAIN_AFTER_SMS_FAILED));
        assertThat(again.state()).as("Signal may still reach them").isNotEqualTo(RecipientState.UNREACHABLE);
        assertThat(afterAllClear.send()).isEmpty();
    }

    @Test
    void aDeliveredSmsCountsAsDelivered() {
        RecipientDecision decision = decide(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build(),
                ChannelPolicy.SIGNAL_THEN_SMS, List.of(new SendRecorded(SMS, T0), new SmsAccepted(T0),
                        new Delivered(SMS, T0.plusSeconds(4))), Duration.ofSeconds(5));

        assertThat(decision.state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(decision.isSettled()).isTrue();
    }

    @Test
    void someoneWithNoUsableChannelIsUnreachable() {
        RecipientDecision decision = decide(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).smsUnusable().build(),
                ChannelPolicy.SIGNAL_THEN_SMS, List.of(), Duration.ZERO);

        assertThat(decision.send()).isEmpty();
        assertThat(decision.state()).isEqualTo(RecipientState.UNREACHABLE);
    }

    @Test
    void aFailedSmsIsNotRetried() {
        RecipientDecision decision = decide(aFamily().signal(SignalStatus.NOT_ON_SIGNAL).build(),
                ChannelPolicy.SMS_ONLY, List.of(new SendRecorded(SMS, T0), new SmsFailed(true, T0)),
                Duration.ofMinutes(1));

        assertThat(decision.send()).isEmpty();
        assertThat(decision.state()).isEqualTo(RecipientState.UNREACHABLE);
    }

    @Test
    void theNextCheckIsTheEarlierOfReceiptAndAcknowledgementDeadlines() {
        Recipient quick = aRecipient().mustAcknowledgeWithin(Duration.ofSeconds(60), GroupId.random()).build();

        RecipientDecision decision = decide(quick, ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0)), Duration.ofSeconds(10));

        assertThat(decision.nextCheckAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void withoutABackupGroupNobodyIsCovered() {
        Recipient lonely = aRecipient().mustAcknowledgeWithin(Duration.ofMinutes(5)).build();

        RecipientDecision decision = decide(lonely, ChannelPolicy.SIGNAL_THEN_SMS,
                List.of(new SendRecorded(SIGNAL, T0), new Delivered(SIGNAL, T0)), Duration.ofMinutes(30));

        assertThat(decision.coverWithBackup()).isFalse();
    }

    @Test
    void rulesComeFromTheNetwork() {
        assertThat(DeliveryRules.of(Network.defaults(org.aviso.core.common.NetworkId.random(), "N"))
                .receiptTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> new DeliveryRules(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RecipientDecision(List.of(new ChannelSend(SMS, SendReason.FIRST_CONTACT),
                new ChannelSend(SMS, SendReason.NO_RECEIPT)), Optional.empty(), false, RecipientState.QUEUED))
                .hasMessageContaining("one send per channel");
    }

    @Test
    void bothChannelsAtOnceSendsSignalAndSmsToSomeoneOnSignalOnce() {
        RecipientDecision first = decide(aRecipient().build(), ChannelPolicy.SIGNAL_AND_SMS, List.of(), Duration.ZERO);

        assertThat(first.send()).containsExactlyInAnyOrder(new ChannelSend(SIGNAL, SendReason.BOTH_CHANNELS),
                new ChannelSend(SMS, SendReason.BOTH_CHANNELS));
        RecipientDecision after = decide(aRecipient().build(), ChannelPolicy.SIGNAL_AND_SMS, List.of(
                new DeliveryEvent.SendRecorded(SIGNAL, T0), new DeliveryEvent.SendRecorded(SMS, T0)),
                Duration.ofMinutes(5));
        assertThat(after.send()).isEmpty();
    }
}
