package org.aviso.gateway.delivery.fault;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole node whose idle loops poll only every 10 minutes still sends an alert at once, Signal first and SMS to
 * those Signal refuses: each stage's write wakes the next (the fan-out wakes the claim loops, a failed Signal send
 * wakes the tracker, the tracker's SMS wakes the claim loops again). Without that, an idle node on the default
 * poll waits up to one poll per stage, and the benchmark had to poll every 20 ms, which cost PostgreSQL a fifth of
 * its time during a fan-out.
 */
class WakeOnWriteTest {

    private final WireMockServer signal = new WireMockServer(options().dynamicPort().containerThreads(20)
            .asynchronousResponseEnabled(false));
    private final WireMockServer twilio = new WireMockServer(options().dynamicPort().containerThreads(20));

    @AfterEach
    void stopStubs() {
        signal.stop();
        twilio.stop();
    }

    @Test
    void everyStageWakesTheNextInsteadOfWaitingForAPoll(@TempDir Path dataDir) throws InterruptedException {
        signal.start();
        twilio.start();
        SignalAndTwilioStubs.stub(signal, twilio);
        ConfigurableApplicationContext node = GatewayNode.start(TestPostgres.createDatabase("wakeonwrite"), dataDir,
                signal.baseUrl(), twilio.baseUrl(), "aviso.delivery.idle-poll=10m");
        try {
            Population population = Population.create(node, 40, 3_200_000, Duration.ofSeconds(600));
            // the loops made their first pass when the node started: from here on only a ring gets them going
            Thread.sleep(1_000);
            node.getBean(AlertService.class).compose(population.dispatcher(), new AlertService.Composition(
                    AlertKind.DRILL, Optional.empty(), Optional.of(population.site()), Set.of(population.staff()), ""));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!allSent(population) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            SignalAndTwilioStubs.assertOneSignalAttemptAndSmsOnlyWhereNotOnSignal(signal, twilio, population.numbers());
        } finally {
            node.close();
        }
    }

    private boolean allSent(Population population) {
        Map<String, Integer> signalAttempts = SignalAndTwilioStubs.signalAttempts(signal);
        Map<String, Integer> sms = SignalAndTwilioStubs.smsMessages(twilio);
        return population.numbers().stream().allMatch(n -> signalAttempts.containsKey(n)
                && (!Population.notOnSignal(n) || sms.containsKey(n)));
    }
}
