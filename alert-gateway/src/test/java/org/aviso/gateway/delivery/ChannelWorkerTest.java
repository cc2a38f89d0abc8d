package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.aviso.core.common.Channel;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.crypto.BlindIndex;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.aviso.gateway.delivery.StageFixtures.claimed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A whole claim-pace-send-record pass against an outbox whose database goes away and comes back, as PostgreSQL does
 * when it restarts: what the providers took must still be written down, with the references their receipts will
 * quote, and the pass must not hang or give up on it.
 */
class ChannelWorkerTest {

    private static final SenderAccount SENDER = new SenderAccount("S1", 1000, false);

    private final Outbox outbox = mock(Outbox.class);
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService sendPool = Executors.newFixedThreadPool(4);
    /** Whether the database refuses outcome writes and lease renewals (the "call started" marks went before). */
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refusedWrites = new AtomicInteger();
    private final AtomicInteger refusedRenewals = new AtomicInteger();
    /** Every outcome the outbox took, per delivery id (a list, so a row written twice shows). */
    private final Map<Long, List<Outbox.Result>> written = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        dispatcher.shutdownNow();
        sendPool.shutdownNow();
    }

    private ChannelWorker worker(List<Outbox.Claimed> batch, Duration lease, Function<OutboundMessage, SendOutcome> send) {
        when(outbox.claim(any(), anyInt(), anyString(), any(), any())).thenReturn(batch);
        doAnswer(call -> new HashSet<>(call.<Collection<Long>>getArgument(0)))
                .when(outbox).markCallStarted(any(), anyString(), any());
        doAnswer(call -> {
            if (down.get()) {
                refusedWrites.incrementAndGet();
                throw new DataAccessResourceFailureException("terminating connection due to administrator command");
            }
            for (Outbox.Result result : call.<Collection<Outbox.Result>>getArgument(0)) {
                written.computeIfAbsent(result.id(), id -> new ArrayList<>()).add(result);
            }
            return null;
        }).when(outbox).record(any(), anyString());
        doAnswer(call -> {
            if (down.get()) {
                refusedRenewals.incrementAndGet();
                throw new DataAccessResourceFailureException("connection refused");
            }
            return null;
        }).when(outbox).renew(any(), anyString(), any());

        WorkerContext context = StageFixtures.context(StageFixtures.notifier(Channel.SIGNAL, 1, List.of(SENDER), send),
                outbox, StageFixtures.properties(200, lease, 8), Clock.systemUTC());
        MessageBodies bodies = mock(MessageBodies.class);
        when(bodies.body(any(), any(), any(), any(), any())).thenReturn(Optional.of(new MessageBodies.Body("text", 1)));
        PhoneBook phones = mock(PhoneBook.class);
        when(phones.phones(any())).thenAnswer(call -> {
            Map<UUID, PhoneNumber> numbers = new HashMap<>();
            int n = 0;
            for (UUID person : call.<Collection<UUID>>getArgument(0)) {
                numbers.put(person, PhoneNumber.of("+34600" + String.format("%06d", n++)));
            }
            return numbers;
        });
        SenderPacer pacer = mock(SenderPacer.class);
        when(pacer.reserve(any(), anyInt())).thenAnswer(call -> new SenderPacer.Slots(java.time.Instant.now(),
                SenderPacer.interval(SENDER)));
        RecordStage record = new RecordStage(context, pacer, mock(DeliveryMetrics.class), mock(BlindIndex.class),
                mock(OutcomeEffects.class), mock(InboundEventHandler.class));
        return new ChannelWorker(context, bodies, phones,
                new PaceStage(context, pacer, dispatcher, new ConcurrentHashMap<>(), sendPool), record);
    }

    private static List<Outbox.Claimed> signalRows(int count) {
        List<Outbox.Claimed> rows = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            rows.add(claimed(id, 1000 + id, 1, Channel.SIGNAL));
        }
        return rows;
    }

    private static SendOutcome acceptedWithTimestamp(OutboundMessage message) {
        return SendOutcome.Accepted.of("ts-" + message.deliveryId());
    }

    /** Each row written exactly once, as sent, with the reference signal-cli gave for it. */
    private void assertEverySendWrittenOnceWithItsReference(int count) {
        assertThat(written).hasSize(count);
        written.forEach((id, results) -> {
            assertThat(results).as("row %d", id).hasSize(1);
            assertThat(results.get(0).status()).as("row %d", id).isEqualTo("SENT");
            assertThat(results.get(0).providerRef()).as("row %d", id).isEqualTo("ts-" + id);
        });
    }

    @Test
    void outcomesTheDatabaseRefusesWhileItRestartsAreWrittenWhenItIsBack() {
        // the database goes down after the marks and before the outcomes, as in the fault suite's PostgreSQL restart
        down.set(true);
        ChannelWorker worker = worker(signalRows(150), Duration.ofSeconds(20), message -> {
            if (message.deliveryId() == 150) {
                dispatcher.schedule(() -> down.set(false), 700, TimeUnit.MILLISECONDS);
            }
            return acceptedWithTimestamp(message);
        });

        int handled = assertTimeoutPreemptively(Duration.ofSeconds(20), worker::runOnce);

        assertThat(handled).isEqualTo(150);
        assertThat(refusedWrites.get()).as("writes refused while the database was down").isGreaterThanOrEqualTo(2);
        assertEverySendWrittenOnceWithItsReference(150);
    }

    @Test
    void aSlowBatchOutlastsAnOutageOfItsLeaseRenewalsAndOutcomeWrites() {
        // sends take 300 ms and the lease is renewed every 100 ms: renewals and flushes meet the outage mid-batch,
        // which lasts until both have been refused at least once
        down.set(true);
        ChannelWorker worker = worker(signalRows(6), Duration.ofMillis(300), message -> {
            sleep(300);
            return acceptedWithTimestamp(message);
        });
        dispatcher.scheduleWithFixedDelay(() -> {
            if (refusedRenewals.get() > 0 && refusedWrites.get() > 0) {
                down.set(false);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);

        assertTimeoutPreemptively(Duration.ofSeconds(20), worker::runOnce);

        assertThat(refusedRenewals.get()).as("renewals refused while the database was down").isPositive();
        assertThat(refusedWrites.get()).as("writes refused while the database was down").isPositive();
        assertEverySendWrittenOnceWithItsReference(6);
    }

    @Test
    void eachClaimWritesUnderItsOwnLeaseSoALateWriteCannotTouchTheNextClaimOfItsRows() {
        ChannelWorker worker = worker(signalRows(3), Duration.ofSeconds(20), ChannelWorkerTest::acceptedWithTimestamp);

        worker.runOnce();
        worker.runOnce();

        ArgumentCaptor<String> claims = ArgumentCaptor.forClass(String.class);
        verify(outbox, times(2)).claim(any(), anyInt(), claims.capture(), any(), any());
        ArgumentCaptor<String> marks = ArgumentCaptor.forClass(String.class);
        verify(outbox, atLeast(2)).markCallStarted(any(), marks.capture(), any());
        ArgumentCaptor<String> records = ArgumentCaptor.forClass(String.class);
        verify(outbox, atLeast(2)).record(any(), records.capture());
        assertThat(claims.getAllValues()).as("a lease id per claim, none the bare node id").doesNotHaveDuplicates()
                .doesNotContain("node-1").allMatch(lease -> lease.startsWith("node-1/"));
        assertThat(Set.copyOf(marks.getAllValues())).as("marks under the claims' leases")
                .isEqualTo(Set.copyOf(claims.getAllValues()));
        assertThat(Set.copyOf(records.getAllValues())).as("outcomes under the claims' leases")
                .isEqualTo(Set.copyOf(claims.getAllValues()));
    }

    @Test
    void aWriteThatFailsForAnotherReasonThanAnOutageIsNotTriedForever() {
        ChannelWorker worker = worker(signalRows(3), Duration.ofSeconds(20), ChannelWorkerTest::acceptedWithTimestamp);
        doThrow(new DataIntegrityViolationException("a bug, not an outage")).when(outbox).record(any(), anyString());

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), worker::runOnce))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aNodeStoppingWhileTheDatabaseIsDownDoesNotHang() throws InterruptedException {
        down.set(true);
        ChannelWorker worker = worker(signalRows(3), Duration.ofSeconds(20), ChannelWorkerTest::acceptedWithTimestamp);
        Thread pass = new Thread(worker::runOnce);
        pass.start();
        Thread.sleep(500);
        assertThat(pass.isAlive()).as("still trying to write while the database is down").isTrue();

        pass.interrupt();
        pass.join(5_000);

        assertThat(pass.isAlive()).as("a stopping node gives up the write (the reclaimer takes over)").isFalse();
        assertThat(written).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
