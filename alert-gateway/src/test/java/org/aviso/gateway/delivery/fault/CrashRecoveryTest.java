package org.aviso.gateway.delivery.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.PhoneNumber;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.notify.InboundEvents;
import org.aviso.gateway.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole gateway nodes on one PostgreSQL sending one alert together, with WireMock standing in for signal-cli
 * and Twilio (its request journal is the proof). A node that crashes is {@link KillDuringFanOutTest}: a separate
 * process killed with SIGKILL (this class once stopped the context gracefully and called it a crash).
 */
class CrashRecoveryTest {

    private final WireMockServer signal = new WireMockServer(options().dynamicPort().containerThreads(40)
            .asynchronousResponseEnabled(false));
    private final WireMockServer twilio = new WireMockServer(options().dynamicPort().containerThreads(40));
    private final AtomicReference<ConfigurableApplicationContext> live = new AtomicReference<>();
    private final Set<java.util.UUID> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean phonesOn = true;
    private Thread phones;

    @AfterEach
    void stopEverything() throws InterruptedException {
        phonesOn = false;
        if (phones != null) {
            phones.join(5_000);
        }
        signal.stop();
        twilio.stop();
    }

    /** The recipients' phones: each successful Signal send gets a delivery receipt a moment later. */
    private void startPhones() {
        phones = new Thread(() -> {
            while (phonesOn) {
                ConfigurableApplicationContext context = live.get();
                if (context != null && context.isActive()) {
                    try {
                        InboundEvents inbound = context.getBean(InboundEvents.class);
                        for (SignalAndTwilioStubs.Accepted sent : SignalAndTwilioStubs.newlyAccepted(signal, seen)) {
                            inbound.signalReceipt(GatewayNode.SIGNAL_ACCOUNT, sent.aci(),
                                    Optional.of(new PhoneNumber(sent.number())), InboundEvents.ReceiptKind.DELIVERED,
                                    List.of(sent.timestamp()), java.time.Clock.systemUTC().instant());
                        }
                    } catch (RuntimeException closing) {
                        // the node is stopping: the next round will use the next node
                    }
                }
                sleep(100);
            }
        }, "test-phones");
        phones.setDaemon(true);
        phones.start();
    }

    @Test
    void twoNodesOnOneDatabaseShareAnAlertWithoutSendingAnythingTwice(@TempDir Path dataDir) {
        signal.start();
        twilio.start();
        SignalAndTwilioStubs.stub(signal, twilio);
        String database = TestPostgres.createDatabase("twonodes");
        ConfigurableApplicationContext one = GatewayNode.start(database, dataDir.resolve("one"), signal.baseUrl(),
                twilio.baseUrl());
        ConfigurableApplicationContext two = GatewayNode.start(database, dataDir.resolve("two"), signal.baseUrl(),
                twilio.baseUrl());
        try {
            live.set(one);
            Population population = Population.create(one, 2_000, 3_000_000, Duration.ofSeconds(600));
            startPhones();
            two.getBean(AlertService.class).compose(population.dispatcher(), new AlertService.Composition(
                    AlertKind.DRILL, Optional.empty(), Optional.of(population.site()), Set.of(population.staff()), ""));
            JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
            try {
                waitUntil(Duration.ofSeconds(120), () -> everyoneReached(jdbc));
            } catch (AssertionError notDone) {
                System.out.println("TRACKS " + jdbc.queryForList("select state, standby, next_check_at is null as idle, count(*) from recipient_track group by 1,2,3"));
                System.out.println("DELIVERIES " + jdbc.queryForList("select channel, status, failure_reason, count(*) from delivery group by 1,2,3"));
                throw notDone;
            }
            SignalAndTwilioStubs.assertOneSignalAttemptAndSmsOnlyWhereNotOnSignal(signal, twilio, population.numbers());
            List<String> senders = jdbc.queryForList("select distinct split_part(lease_owner, '-', 1) from delivery "
                    + "where lease_owner is not null", String.class);
            Long byOne = jdbc.queryForObject("select count(*) from delivery where sender is not null", Long.class);
            assertThat(byOne).isGreaterThanOrEqualTo(population.numbers().size());
            assertThat(senders).as("no delivery is left leased").isEmpty();
        } finally {
            live.set(null);
            one.close();
            two.close();
        }
    }

    private static boolean everyoneReached(JdbcTemplate jdbc) {
        Long open = jdbc.queryForObject("""
                select count(*) from recipient_track t where t.alert_id is not null and not t.standby
                   and not exists (select 1 from delivery d where d.track_id = t.id
                                    and ((d.channel = 'SIGNAL' and d.status in ('DELIVERED', 'READ'))
                                      or (d.channel = 'SMS' and d.status in ('SENT', 'DELIVERED', 'READ'))))
                """, Long.class);
        return open != null && open == 0;
    }

    static void waitUntil(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + limit);
            }
            sleep(100);
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
