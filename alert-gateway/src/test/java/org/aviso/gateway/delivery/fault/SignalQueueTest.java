package org.aviso.gateway.delivery.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paced Signal sender with more people than it can reach within the receipt timeout (120 people at 5 messages a
 * second, a 10 s receipt timeout): the timeout counts from signal-cli's accept, so nobody whose Signal message is
 * still queued or in flight gets an SMS too; and past the network's queue limit a person gets an SMS instead of
 * their still-queued Signal message, never both. Counted per person at the loopback stand-ins.
 */
class SignalQueueTest {

    private static final int PEOPLE = 120;

    private final SignalDaemonStandIn signal = new SignalDaemonStandIn(0);
    private final TwilioStandIn twilio = new TwilioStandIn();
    private volatile boolean phonesOn = true;
    private ConfigurableApplicationContext node;

    @AfterEach
    void stop() throws IOException {
        phonesOn = false;
        if (node != null) {
            node.close();
        }
        signal.close();
        twilio.close();
    }

    @Test
    void aLongSignalQueueSendsNobodyAnSmsAsWell(@TempDir Path dataDir) throws Exception {
        Population population = start(dataDir, 1_000_000, Duration.ofMinutes(10));
        send(population);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        waitUntil(Duration.ofSeconds(90), () -> settled(jdbc));

        int both = 0;
        int none = 0;
        for (String number : population.numbers()) {
            long bySignal = signal.sendsTo(number);
            long bySms = twilio.messagesTo(number);
            both += bySignal > 0 && bySms > 0 ? 1 : 0;
            none += bySignal + bySms == 0 ? 1 : 0;
        }
        assertThat(none).as("people who got nothing").isZero();
        assertThat(both).as("people who got Signal and SMS though every Signal message was delivered").isZero();
        assertThat(twilio.recipients()).as("every receipt came within 10 s of Signal's accept").isEmpty();
    }

    @Test
    void pastTheQueueLimitAPersonGetsAnSmsInsteadOfTheirQueuedSignalMessage(@TempDir Path dataDir) throws Exception {
        Population population = start(dataDir, 1_100_000, Duration.ofSeconds(4));
        send(population);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        waitUntil(Duration.ofSeconds(90), () -> settled(jdbc));

        int both = 0;
        int none = 0;
        for (String number : population.numbers()) {
            long bySignal = signal.sendsTo(number);
            long bySms = twilio.messagesTo(number);
            both += bySignal > 0 && bySms > 0 ? 1 : 0;
            none += bySignal + bySms == 0 ? 1 : 0;
        }
        Long withdrawn = jdbc.queryForObject("select count(*) from delivery where channel = 'SIGNAL' and status = "
                + "'CANCELLED' and failure_reason = 'SIGNAL_QUEUE_TOO_LONG'", Long.class);
        System.out.printf("Signal queue limit 4 s: %d by Signal, %d by SMS instead (%d withdrawn)%n",
                signal.received().size(), twilio.recipients().size(), withdrawn);
        assertThat(none).as("people who got nothing").isZero();
        assertThat(both).as("people who got both").isZero();
        assertThat(twilio.recipients()).as("the back of the queue went by SMS").isNotEmpty();
        assertThat(withdrawn).as("each SMS replaced a withdrawn Signal message")
                .isEqualTo(twilio.recipients().size());
    }

    @Test
    void aPersonWhoseSignalSendComesBackRateLimitedGetsAnSmsOncePastTheQueueLimitNotMinutesLater(@TempDir Path dataDir)
            throws Exception {
        // every Signal call is held 7 s, then refused for a rate limit (retry in 60 s): at the 5 s queue limit the
        // people whose call is under way cannot be switched yet; once their message is back in the queue they can
        signal.sends(SignalDaemonStandIn.Sends.RATE_LIMITED_LATE, Duration.ofSeconds(7));
        Population population = start(dataDir, 1_200_000, Duration.ofSeconds(5));
        send(population);

        waitUntil(Duration.ofSeconds(30), () -> population.numbers().stream().allMatch(n -> twilio.messagesTo(n) > 0));

        assertThat(signal.received()).as("nobody's Signal message went out").isEmpty();
        assertThat(population.numbers()).as("each person got exactly one SMS, within 30 s")
                .allMatch(n -> twilio.messagesTo(n) == 1);
    }

    private Population start(Path dataDir, int firstNumber, Duration queueLimit) throws IOException {
        signal.start();
        twilio.start();
        startPhones();
        node = GatewayNode.start(TestPostgres.createDatabase("queue"), dataDir, signal.baseUrl(), twilio.baseUrl(),
                "aviso.signal.rate-per-second=5", "aviso.delivery.lease=4s");
        Population population = Population.create(node, PEOPLE, firstNumber, Duration.ofSeconds(10));
        node.getBean(JdbcTemplate.class).update("update network set signal_queue_limit_seconds = ? where id = ?",
                (int) queueLimit.toSeconds(), population.network().value());
        return population;
    }

    private void send(Population population) {
        AlertService.Outcome sent = node.getBean(AlertService.class).compose(population.dispatcher(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(population.site()),
                        Set.of(population.staff()), "Queue drill"));
        assertThat(sent).isInstanceOf(AlertService.Outcome.Sent.class);
    }

    /** Every Signal message gets a delivery receipt within a moment of signal-cli's accept. */
    private void startPhones() {
        Thread phones = new Thread(() -> {
            Set<Long> answered = new HashSet<>();
            while (phonesOn) {
                for (SignalDaemonStandIn.Send send : signal.received()) {
                    if (!answered.contains(send.timestamp())) {
                        try {
                            signal.deliveryReceipt(send.recipient(), send.timestamp());
                            answered.add(send.timestamp());
                        } catch (IOException | IllegalStateException notListening) {
                            break;
                        }
                    }
                }
                sleep(100);
            }
        }, "queue-phones");
        phones.setDaemon(true);
        phones.start();
    }

    private static boolean settled(JdbcTemplate jdbc) {
        Long open = jdbc.queryForObject("""
                select count(*) from recipient_track t where t.alert_id is not null and not t.standby
                   and (not exists (select 1 from delivery d where d.track_id = t.id
                                     and ((d.channel = 'SIGNAL' and d.status in ('DELIVERED', 'READ'))
                                       or (d.channel = 'SMS' and d.status in ('SENT', 'DELIVERED', 'READ'))))
                        or exists (select 1 from delivery d where d.track_id = t.id and d.status in ('QUEUED', 'SENDING')))
                """, Long.class);
        return open != null && open == 0;
    }

    private static void waitUntil(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not settled within " + limit);
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
