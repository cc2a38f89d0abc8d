package org.aviso.gateway.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the composer tells a dispatcher about the Signal queue before sending. */
class SignalQueueEstimateTest {

    @Test
    void aSchoolOfFourHundredOnOneSignalNumberWaitsSevenMinutesAndPastTwoTheRestGetSms() {
        SignalQueue.Estimate estimate = SignalQueue.estimate(400, 1.0, Duration.ofMinutes(2));

        assertThat(estimate.lastIn()).isEqualTo(Duration.ofSeconds(400));
        assertThat(estimate.lastInMinutes()).isEqualTo(7);
        assertThat(estimate.overLimit()).as("120 go on Signal within the limit, 280 get SMS instead").isEqualTo(280);
        assertThat(estimate.limitMinutes()).isEqualTo(2);
    }

    @Test
    void aSmallAlertFitsWithinTheLimit() {
        SignalQueue.Estimate estimate = SignalQueue.estimate(30, 2.0, Duration.ofMinutes(2));

        assertThat(estimate.overLimit()).isZero();
        assertThat(estimate.lastInMinutes()).isEqualTo(1);
    }

    @Test
    void withoutSignalNobodyWaitsInItsQueue() {
        SignalQueue.Estimate estimate = SignalQueue.estimate(30, 0.0, Duration.ofMinutes(2));

        assertThat(estimate.overLimit()).isZero();
        assertThat(estimate.lastIn()).isZero();
        assertThat(SignalQueue.estimate(0, 1.0, Duration.ofMinutes(2)).lastInMinutes()).isZero();
    }
}
