package org.aviso.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.OutboundMessage;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.aviso.gateway.delivery.StageFixtures.T0;
import static org.aviso.gateway.delivery.StageFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The pacing stage: calls of at most maxBatch messages whose slots are close, handed over at their slot. */
class PaceStageTest {

    private final SenderPacer pacer = mock(SenderPacer.class);
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor();
    /** Runs each call on the dispatcher's thread as it is handed over, so the times measured are the hand-overs. */
    private final ExecutorService sendPool = new AbstractExecutorService() {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    };

    @AfterEach
    void stop() {
        dispatcher.shutdownNow();
        sendPool.shutdownNow();
    }

    private PaceStage stage(int maxBatch, Clock wallClock) {
        return new PaceStage(StageFixtures.context(StageFixtures.notifier(Channel.SMS, maxBatch, List.of(),
                m -> SendOutcome.Accepted.of("ref")), mock(Outbox.class),
                StageFixtures.properties(200, Duration.ofSeconds(20), 8), wallClock), pacer, dispatcher,
                new ConcurrentHashMap<>(), sendPool);
    }

    private static List<OutboundMessage> messages(String sender, int... segments) {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            messages.add(message(i + 1, sender, segments[i]));
        }
        return messages;
    }

    private static List<List<Long>> ids(List<PaceStage.Chunk> chunks) {
        return chunks.stream().map(c -> c.messages().stream().map(OutboundMessage::deliveryId).toList()).toList();
    }

    @Test
    void slotsWithinFiveMillisecondsGoInOneCallOfAtMostMaxBatch() {
        SenderAccount sender = new SenderAccount("MG1", 1000, true);
        when(pacer.reserve(any(), anyInt())).thenReturn(new SenderPacer.Slots(T0, Duration.ofMillis(1)));

        List<PaceStage.Chunk> chunks = stage(3, Clock.systemUTC()).paced(sender, messages("MG1", 1, 1, 1, 1, 1, 1, 1));

        assertThat(ids(chunks)).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L), List.of(7L));
        assertThat(chunks).extracting(PaceStage.Chunk::at).containsExactly(T0, T0.plusMillis(3), T0.plusMillis(6));
        verify(pacer).reserve(sender, 7);
    }

    @Test
    void aSlotMoreThanFiveMillisecondsAfterTheCallsFirstStartsTheNextCall() {
        SenderAccount sender = new SenderAccount("MG1", 500, true);
        when(pacer.reserve(any(), anyInt())).thenReturn(new SenderPacer.Slots(T0, Duration.ofMillis(2)));

        // slots 0, 2, 4, 6, 8 ms: 6 is more than 5 after 0
        List<PaceStage.Chunk> chunks = stage(10, Clock.systemUTC()).paced(sender, messages("MG1", 1, 1, 1, 1, 1));

        assertThat(ids(chunks)).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L));
        assertThat(chunks).extracting(PaceStage.Chunk::at).containsExactly(T0, T0.plusMillis(6));
    }

    @Test
    void eachSegmentTakesASlot() {
        SenderAccount sender = new SenderAccount("MG1", 1, true);
        when(pacer.reserve(any(), anyInt())).thenReturn(new SenderPacer.Slots(T0, Duration.ofSeconds(1)));

        List<PaceStage.Chunk> chunks = stage(10, Clock.systemUTC()).paced(sender, messages("MG1", 3, 1, 2));

        verify(pacer).reserve(sender, 6);
        assertThat(chunks).extracting(PaceStage.Chunk::at)
                .containsExactly(T0, T0.plusSeconds(3), T0.plusSeconds(4));
    }

    @Test
    void aCallIsHandedOverAtItsSlotNeverEarlier() throws Exception {
        SenderAccount sender = new SenderAccount("MG1", 1000, true);
        PaceStage stage = stage(10, Clock.systemUTC());
        long before = System.nanoTime();

        CompletableFuture<Long> ran = stage.submit(new PaceStage.Chunk(sender, messages("MG1", 1),
                Instant.now().plusMillis(300)), System::nanoTime);

        assertThat(TimeUnit.NANOSECONDS.toMillis(ran.get(5, TimeUnit.SECONDS) - before)).isGreaterThanOrEqualTo(295);
    }

    @Test
    void aSendersCallsAreAtLeastItsIntervalApartEvenWhenBothAreDue() throws Exception {
        SenderAccount sender = new SenderAccount("S1", 4, false); // interval 1 / (4 * 0.98) s = 255 ms
        PaceStage stage = stage(10, Clock.systemUTC());
        Instant now = Instant.now();

        CompletableFuture<Long> first = stage.submit(new PaceStage.Chunk(sender, messages("S1", 1), now),
                System::nanoTime);
        CompletableFuture<Long> second = stage.submit(new PaceStage.Chunk(sender, messages("S1", 1), now),
                System::nanoTime);

        long apart = Math.abs(second.get(5, TimeUnit.SECONDS) - first.get(5, TimeUnit.SECONDS));
        assertThat(TimeUnit.NANOSECONDS.toMillis(apart)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aStoppedDispatcherFailsTheCallInsteadOfLosingIt() {
        dispatcher.shutdownNow();
        CompletableFuture<Long> ran = stage(10, Clock.systemUTC()).submit(new PaceStage.Chunk(
                new SenderAccount("S1", 1, false), messages("S1", 1), Instant.now()), System::nanoTime);

        assertThat(ran).isCompletedExceptionally();
    }

    @Test
    void callsStayAnIntervalApartWhenWhatRunsBeforeThemTakesUnevenTime() throws Exception {
        SenderAccount sender = new SenderAccount("S1", 4, false); // interval 255 ms
        PaceStage stage = stage(10, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            PaceStage.Chunk first = new PaceStage.Chunk(sender, messages("S1", 1), Instant.now());
            PaceStage.Chunk second = new PaceStage.Chunk(sender, messages("S1", 1), Instant.now());
            // the first call's "call started" commit is slow (240 ms), the second's is quick, as under load: handed
            // over 255 ms apart, the two calls would otherwise reach the provider 15 ms apart
            CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> {
                sleep(240);
                stage.awaitCallTurn(first);
                return System.nanoTime();
            }, threads);
            sleep(255);
            CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> {
                stage.awaitCallTurn(second);
                return System.nanoTime();
            }, threads);

            long apart = Math.abs(b.get(5, TimeUnit.SECONDS) - a.get(5, TimeUnit.SECONDS));
            assertThat(TimeUnit.NANOSECONDS.toMillis(apart)).isGreaterThanOrEqualTo(250);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
