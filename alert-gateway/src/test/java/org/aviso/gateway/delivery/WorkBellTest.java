package org.aviso.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The bell that lets idle delivery loops look at once when work is written, instead of at their next poll. */
class WorkBellTest {

    private final WorkBell bell = new WorkBell();

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void ringsOnlyOnceTheWritingTransactionCommits() {
        TransactionSynchronizationManager.initSynchronization();
        bell.deliveriesQueued();
        // not yet: a loop woken now would claim before the rows are visible, find nothing, and wait a whole poll
        assertThat(bell.rings(WorkBell.Work.DELIVERIES)).isZero();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(bell.rings(WorkBell.Work.DELIVERIES)).isEqualTo(1);
        assertThat(bell.rings(WorkBell.Work.TRACKS)).isZero();
    }

    @Test
    void aRolledBackWriteDoesNotRing() {
        TransactionSynchronizationManager.initSynchronization();
        bell.tracksDue();
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        assertThat(bell.rings(WorkBell.Work.TRACKS)).isZero();
    }

    @Test
    void anIdleLoopWakesWhenRungAndARingDuringItsPassIsNotLost() throws Exception {
        long seen = bell.rings(WorkBell.Work.DELIVERIES);
        CountDownLatch woke = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            try {
                bell.await(WorkBell.Work.DELIVERIES, seen, 60_000);
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.start();
        bell.deliveriesQueued();
        assertThat(woke.await(20, TimeUnit.SECONDS)).as("woken long before its 60 s idle poll").isTrue();
        // rung after the loop read the count but before it waited (work written during its pass): no wait at all
        long before = bell.rings(WorkBell.Work.TRACKS);
        bell.tracksDue();
        long started = System.nanoTime();
        bell.await(WorkBell.Work.TRACKS, before, 60_000);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
        loop.join(1_000);
    }
}
