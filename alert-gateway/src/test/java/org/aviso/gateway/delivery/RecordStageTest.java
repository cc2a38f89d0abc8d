package org.aviso.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.aviso.core.common.Channel;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.FailureReason;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.aviso.gateway.delivery.StageFixtures.T0;
import static org.aviso.gateway.delivery.StageFixtures.claimed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The record stage: what each send outcome is written down as. */
class RecordStageTest {

    private static final int MAX_ATTEMPTS = 3;

    private final Outbox outbox = mock(Outbox.class);
    private final SenderPacer pacer = mock(SenderPacer.class);
    private final BlindIndex blindIndex = mock(BlindIndex.class);
    private final OutcomeEffects effects = mock(OutcomeEffects.class);
    private final InboundEventHandler receipts = mock(InboundEventHandler.class);

    private RecordStage stage(Channel channel) {
        return new RecordStage(StageFixtures.context(StageFixtures.notifier(channel, 1,
                List.of(new SenderAccount("S1", 1, false)), m -> SendOutcome.Accepted.of("ref")), outbox,
                StageFixtures.properties(200, Duration.ofSeconds(20), MAX_ATTEMPTS)), pacer,
                mock(DeliveryMetrics.class), blindIndex, effects, receipts);
    }

    private static SendStage.Outcome sent(SendOutcome outcome) {
        return new SendStage.Outcome(outcome, "S1", T0.minusSeconds(1));
    }

    /** Records one delivery and returns the row written for it. */
    @SuppressWarnings("unchecked")
    private Outbox.Result recordOne(Channel channel, Outbox.Claimed delivery, SendStage.Outcome outcome) {
        Map<Long, SendStage.Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put(delivery.id(), outcome);
        stage(channel).record(List.of(delivery), outcomes);
        ArgumentCaptor<Collection<Outbox.Result>> results = ArgumentCaptor.forClass(Collection.class);
        verify(outbox).record(results.capture(), eq("node-1"));
        assertThat(results.getValue()).hasSize(1);
        return results.getValue().iterator().next();
    }

    @Test
    void aRetryableOutcomeAtTheLastAttemptFailsTheRowAndWakesItsTrack() {
        Outbox.Result row = recordOne(Channel.SMS, claimed(1, 10, MAX_ATTEMPTS, Channel.SMS),
                sent(new SendOutcome.Retryable(FailureReason.PROVIDER_ERROR, Duration.ZERO)));

        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.failureReason()).isEqualTo("PROVIDER_ERROR");
        verify(outbox).wakeTracks(java.util.Set.of(10L), T0);
    }

    @Test
    void aRetryableOutcomeBeforeTheLastAttemptIsQueuedAfterABackoff() {
        Outbox.Result row = recordOne(Channel.SMS, claimed(1, 10, 2, Channel.SMS),
                sent(new SendOutcome.Retryable(FailureReason.PROVIDER_ERROR, Duration.ZERO)));

        assertThat(row.status()).isEqualTo("QUEUED");
        // attempt 2: 5 s doubled once, plus up to a quarter of jitter
        assertThat(row.dueAt()).isBetween(T0.plusSeconds(10), T0.plusMillis(12_500));
        verify(outbox).wakeTracks(java.util.Set.of(), T0);
        verify(pacer, never()).pauseUntil(anyString(), any());
    }

    @Test
    void aSignalMessageBackInTheQueueWakesItsTrackSoTheQueueLimitStillApplies() {
        Outbox.Result row = recordOne(Channel.SIGNAL, claimed(1, 10, 2, Channel.SIGNAL),
                sent(new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofMinutes(1))));

        assertThat(row.status()).isEqualTo("QUEUED");
        verify(outbox).wakeTracks(java.util.Set.of(10L), T0);
    }

    @Test
    void aRateLimitPausesTheSenderForWhatTheProviderAsked() {
        Outbox.Result row = recordOne(Channel.SMS, claimed(1, 10, 1, Channel.SMS),
                sent(new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofMinutes(1))));

        assertThat(row.status()).isEqualTo("QUEUED");
        assertThat(row.dueAt()).isEqualTo(T0.plusSeconds(60));
        verify(pacer).pauseUntil("S1", T0.plusSeconds(60));
    }

    @Test
    void aPermanentOutcomeUnknownIsWrittenAsUnknown() {
        Outbox.Result row = recordOne(Channel.SIGNAL, claimed(1, 10, 1, Channel.SIGNAL),
                sent(SendOutcome.Permanent.of(FailureReason.OUTCOME_UNKNOWN)));

        assertThat(row.status()).isEqualTo("UNKNOWN");
        assertThat(row.sentAt()).isEqualTo(T0.minusSeconds(1));
        verify(outbox).wakeTracks(java.util.Set.of(10L), T0);
    }

    @Test
    void noOutcomeAtAllIsUnknownToo() {
        Outbox.Result row = recordOne(Channel.SIGNAL, claimed(1, 10, 1, Channel.SIGNAL), null);

        assertThat(row.status()).isEqualTo("UNKNOWN");
        assertThat(row.sender()).isNull();
        assertThat(row.sentAt()).isEqualTo(T0);
    }

    @Test
    void anotherPermanentFailureFailsTheRowWithItsSideEffect() {
        Outbox.Result row = recordOne(Channel.SIGNAL, claimed(1, 10, 1, Channel.SIGNAL),
                sent(SendOutcome.Permanent.of(FailureReason.NOT_ON_SIGNAL)));

        assertThat(row.status()).isEqualTo("FAILED");
        verify(effects).apply(org.mockito.ArgumentMatchers.argThat(list -> list.size() == 1
                && list.get(0) instanceof OutcomeEffects.Failed));
    }

    @Test
    void anAcceptedSignalSendAppliesEarlyReceiptsAndLeavesTheTrackAlone() {
        when(blindIndex.of("aci", "aci-1")).thenReturn(new byte[] {1});
        Outbox.Result row = recordOne(Channel.SIGNAL, claimed(1, 10, 1, Channel.SIGNAL),
                sent(new SendOutcome.Accepted("1700000000000", Optional.of("aci-1"))));

        assertThat(row.status()).isEqualTo("SENT");
        assertThat(row.providerRef()).isEqualTo("1700000000000");
        assertThat(row.recipientAciIndex()).containsExactly(1);
        // the track was set to be looked at within the receipt timeout when its Signal message was planned: an
        // acceptance writes nothing to it (nor wakes it)
        verify(outbox).wakeTracks(java.util.Set.of(), T0);
        verify(outbox, org.mockito.Mockito.never()).wakeTracks(org.mockito.ArgumentMatchers.argThat(
                (java.util.Collection<Long> ids) -> ids != null && !ids.isEmpty()), org.mockito.ArgumentMatchers.any());
        // once inside the recording transaction, once after it (a receipt that came in meanwhile)
        verify(receipts, org.mockito.Mockito.times(2)).applyPendingReceipts(List.of("1700000000000"));
    }

    @Test
    void aFlushWhereTheChannelWasDownRemembersItAndTheNextMessageItTakesBringsTheWaitingRowsForward() {
        RecordStage stage = stage(Channel.SMS);
        stage.record(List.of(claimed(1, 10, 1, Channel.SMS), claimed(2, 20, 1, Channel.SMS)), Map.of(
                1L, sent(new SendOutcome.Retryable(FailureReason.PROVIDER_ERROR, Duration.ZERO)),
                2L, sent(new SendOutcome.Retryable(FailureReason.NETWORK_ERROR, Duration.ZERO))));
        verify(outbox).channelDown(Channel.SMS);
        verify(outbox, never()).retryNowAfterOutage(any(), any(), any(), any());

        when(outbox.takeOutageRetries(Channel.SMS)).thenReturn(true);
        stage.record(List.of(claimed(3, 30, 1, Channel.SMS)), Map.of(3L, sent(SendOutcome.Accepted.of("SM3"))));
        // rows that failed only once keep their short wait (twice the 5 s base); the row recorded now keeps its own
        verify(outbox).retryNowAfterOutage(Channel.SMS, T0, Duration.ofSeconds(10), List.of(3L));
    }

    @Test
    void aFlakyFlushWhereSomeCallsWentIsNotAnOutageAndARateLimitIsNeither() {
        RecordStage stage = stage(Channel.SMS);
        stage.record(List.of(claimed(1, 10, 1, Channel.SMS), claimed(2, 20, 1, Channel.SMS)), Map.of(
                1L, sent(new SendOutcome.Retryable(FailureReason.PROVIDER_ERROR, Duration.ZERO)),
                2L, sent(SendOutcome.Accepted.of("SM2"))));
        stage.record(List.of(claimed(3, 30, 1, Channel.SMS)), Map.of(
                3L, sent(new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(1)))));

        verify(outbox, never()).channelDown(any());
        verify(outbox, never()).retryNowAfterOutage(any(), any(), any(), any());
    }

    @Test
    void aBatchHoldingAnAnswerThatNothingWentOutSaysSoSoItIsWrittenAtOnce() {
        List<Outbox.Claimed> claimed = List.of(claimed(1, 10, 1, Channel.SIGNAL), claimed(2, 20, 1, Channel.SIGNAL),
                claimed(3, 30, 1, Channel.SIGNAL), claimed(4, 40, 1, Channel.SIGNAL));
        RecordStage.Batch batch = stage(Channel.SIGNAL).batch(claimed);
        batch.ready(1, sent(SendOutcome.Accepted.of("1")));
        batch.ready(2, null);
        batch.ready(3, SendStage.Outcome.NOT_OURS);
        assertThat(batch.holdsNothingSent()).as("sent, unknown and not ours can wait for the batch").isFalse();

        batch.ready(4, sent(new SendOutcome.Retryable(FailureReason.RATE_LIMITED, Duration.ofSeconds(1))));
        assertThat(batch.holdsNothingSent()).isTrue();
        batch.flush();
        assertThat(batch.holdsNothingSent()).isFalse();

        RecordStage.Batch refused = stage(Channel.SIGNAL).batch(List.of(claimed(5, 50, 1, Channel.SIGNAL)));
        refused.ready(5, sent(SendOutcome.Permanent.of(FailureReason.NOT_ON_SIGNAL)));
        assertThat(refused.holdsNothingSent()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRowThatIsNotOursIsNotWritten() {
        Outbox.Claimed delivery = claimed(1, 10, 1, Channel.SMS);
        stage(Channel.SMS).record(List.of(delivery), Map.of(1L, SendStage.Outcome.NOT_OURS));

        ArgumentCaptor<Collection<Outbox.Result>> results = ArgumentCaptor.forClass(Collection.class);
        verify(outbox).record(results.capture(), eq("node-1"));
        assertThat(results.getValue()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBatchWritesWhatIsReadyAndRemembersIt() {
        List<Outbox.Claimed> claimed = List.of(claimed(1, 10, 1, Channel.SMS), claimed(2, 20, 1, Channel.SMS),
                claimed(3, 30, 1, Channel.SMS));
        RecordStage.Batch batch = stage(Channel.SMS).batch(claimed);
        batch.ready(2, sent(SendOutcome.Accepted.of("SM2")));

        assertThat(batch.readyCount()).isEqualTo(1);
        assertThat(batch.settled(2)).isTrue();
        batch.flush();

        ArgumentCaptor<Collection<Outbox.Result>> results = ArgumentCaptor.forClass(Collection.class);
        verify(outbox).record(results.capture(), eq("node-1"));
        assertThat(new ArrayList<>(results.getValue())).extracting(Outbox.Result::id).containsExactly(2L);
        assertThat(batch.readyCount()).isZero();
        assertThat(batch.settled(2)).isTrue();
        assertThat(batch.settled(1)).isFalse();
        assertThat(batch.unrecorded()).containsExactlyInAnyOrder(1L, 3L);
        assertThat(batch.ids()).containsExactly(1L, 2L, 3L);

        batch.flush(); // nothing ready: nothing written
        verify(outbox).record(any(), any());
    }
}
