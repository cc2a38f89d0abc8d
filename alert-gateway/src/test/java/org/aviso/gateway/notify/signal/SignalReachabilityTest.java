package org.aviso.gateway.notify.signal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.aviso.core.common.PersonId;
import org.aviso.gateway.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.aviso.gateway.notify.signal.SignalCli.ACCOUNT;
import static org.aviso.gateway.notify.signal.SignalCli.answer;
import static org.aviso.gateway.notify.signal.SignalCli.calls;
import static org.aviso.gateway.notify.signal.SignalCli.rpc;
import static org.assertj.core.api.Assertions.assertThat;

class SignalReachabilityTest {

    @RegisterExtension
    static WireMockExtension daemon = SignalCli.daemon();

    private final TestClock clock = new TestClock();
    private final FakeContactDirectory directory = new FakeContactDirectory();

    private SignalReachability reachability(int batchSize) {
        SignalProperties properties = TestProperties.daemonAt(daemon.baseUrl()).reachabilityBatchSize(batchSize)
                .build();
        return new SignalReachability(SignalRpcClient.from(properties), directory, properties, clock);
    }

    private static List<String> askedFor(LoggedRequest request) {
        return SignalJson.MAPPER.readTree(request.getBodyAsString()).path("params").path("recipients").valueStream()
                .map(n -> n.stringValue()).toList();
    }

    @Test
    void recordsWhoIsOnSignalWithTheirAciAndWhoIsNot() {
        PersonId ana = directory.due("+15550100002");
        PersonId ben = directory.due("+15550100003");
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status")));

        reachability(50).runRound();

        assertThat(directory.recorded).containsExactlyInAnyOrder(
                new FakeContactDirectory.Recorded(ana, true, Optional.of("8f2c52bf-9522-4bc6-a40c-da48bccb1110")),
                new FakeContactDirectory.Recorded(ben, false, Optional.empty()));
        assertThat(directory.asked).containsExactly(new FakeContactDirectory.Asked(Duration.ofHours(24), 200));
        assertThat(SignalJson.MAPPER.readTree(calls(daemon, "getUserStatus").get(0).getBodyAsString())
                .path("params").path("account").stringValue()).isEqualTo(ACCOUNT);
    }

    @Test
    void asksForUpToFourBatchesARoundOneBatchPerCall() {
        for (int i = 0; i < 9; i++) {
            directory.due("+1555010010" + i);
        }
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status-for-each")));

        reachability(2).runRound();

        assertThat(directory.asked).extracting(FakeContactDirectory.Asked::limit).containsExactly(8);
        assertThat(calls(daemon, "getUserStatus")).extracting(r -> askedFor(r).size()).containsExactly(2, 2, 2, 2);
        assertThat(directory.recorded).hasSize(8);

        reachability(2).runRound();

        assertThat(directory.recorded).hasSize(9);
    }

    @Test
    void stopsTheRoundAndPausesLookupsTwiceAsLongEachTimeTheQuotaIsSpent() {
        for (int i = 0; i < 4; i++) {
            directory.due("+1555010010" + i);
        }
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("cdsi-quota")));
        SignalReachability reachability = reachability(2);

        reachability.runRound();

        assertThat(calls(daemon, "getUserStatus")).hasSize(1);
        assertThat(directory.recorded).isEmpty();
        assertThat(reachability.pausedUntil()).contains(TestClock.START.plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(1));
        reachability.runRound();
        assertThat(calls(daemon, "getUserStatus")).as("paused at t=1m").hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        reachability.runRound();
        assertThat(calls(daemon, "getUserStatus")).as("asks again at t=2m").hasSize(2);
        assertThat(reachability.pausedUntil()).contains(TestClock.START.plus(Duration.ofMinutes(2 + 4)));

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofHours(1));
            reachability.runRound();
        }
        assertThat(reachability.pausedUntil()).contains(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void startsAfreshOnceTheQuotaIsBack() {
        directory.due("+15550100002");
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("cdsi-quota")));
        SignalReachability reachability = reachability(50);
        reachability.runRound();

        daemon.stubFor(rpc("getUserStatus").willReturn(answer("get-user-status")));
        clock.advance(Duration.ofMinutes(2));
        reachability.runRound();

        assertThat(directory.recorded).hasSize(1);
        assertThat(reachability.pausedUntil()).isEmpty();
    }

    @Test
    void waitsForTheNextRoundAfterANetworkError() {
        directory.due("+15550100002");
        directory.due("+15550100003");
        daemon.stubFor(rpc("getUserStatus").willReturn(answer("io-error")));
        SignalReachability reachability = reachability(1);

        reachability.runRound();

        assertThat(calls(daemon, "getUserStatus")).hasSize(1);
        assertThat(reachability.pausedUntil()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        reachability.runRound();
        assertThat(calls(daemon, "getUserStatus")).hasSize(2);
    }

    @Test
    void asksNothingWhenNobodyIsDue() {
        reachability(50).runRound();

        assertThat(calls(daemon, "getUserStatus")).isEmpty();
    }

    @Test
    void aFailedRoundDoesNotStopTheSchedule() {
        int[] rounds = {0};
        PeriodicTask task = new PeriodicTask("signal-test", Duration.ZERO, Duration.ofMillis(5), () -> {
            rounds[0]++;
            throw new IllegalStateException("database briefly away");
        });

        task.runSafely();
        task.runSafely();

        assertThat(rounds[0]).isEqualTo(2);
        task.start();
        assertThat(task.isRunning()).isTrue();
        task.stop();
        assertThat(task.isRunning()).isFalse();
    }
}
