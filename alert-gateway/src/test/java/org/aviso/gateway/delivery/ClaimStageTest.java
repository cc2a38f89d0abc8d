package org.aviso.gateway.delivery;

import java.time.Duration;
import java.util.List;

import org.aviso.core.common.Channel;
import org.aviso.gateway.notify.SendOutcome;
import org.aviso.gateway.notify.SenderAccount;
import org.junit.jupiter.api.Test;

import static org.aviso.gateway.delivery.StageFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The claim stage: never claims more than its senders can send within a quarter of the lease. */
class ClaimStageTest {

    private final Outbox outbox = mock(Outbox.class);

    private ClaimStage stage(int batchSize, Duration lease, double... rates) {
        List<SenderAccount> senders = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            senders.add(new SenderAccount("sender-" + i, rates[i], false));
        }
        return new ClaimStage(StageFixtures.context(StageFixtures.notifier(Channel.SIGNAL, 1, senders,
                m -> SendOutcome.Accepted.of("ref")), outbox, StageFixtures.properties(batchSize, lease, 8)));
    }

    @Test
    void aSlowSenderClaimsWhatItCanSendInAQuarterOfTheLease() {
        // 2 senders at 1.5 a second, 20 s lease: 3 * 20 / 4 = 15
        assertThat(stage(200, Duration.ofSeconds(20), 1.5, 1.5).size()).isEqualTo(15);
    }

    @Test
    void aFastSenderClaimsAtMostTheBatchSize() {
        assertThat(stage(200, Duration.ofSeconds(20), 1000).size()).isEqualTo(200);
    }

    @Test
    void aVerySlowSenderStillClaimsOne() {
        assertThat(stage(200, Duration.ofSeconds(20), 0.01).size()).isEqualTo(1);
    }

    @Test
    void claimsWithThatSizeThisNodeAndALeaseFromTheWallClock() {
        when(outbox.claim(any(), anyInt(), any(), any(), any())).thenReturn(List.of());

        stage(200, Duration.ofSeconds(20), 1).claim();

        verify(outbox).claim(eq(Channel.SIGNAL), eq(5), eq("node-1"), eq(T0), eq(T0.plusSeconds(20)));
    }
}
