package org.aviso.gateway.delivery.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.aviso.gateway.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash: the gateway runs as a separate JVM on a PostgreSQL this test owns, against loopback stand-ins for
 * signal-cli and Twilio written from the contracts; it is killed with SIGKILL in the middle of a fan-out, a second
 * gateway starts on the same database, and the stand-ins' own records are counted per person: nobody lost, nobody
 * messaged twice on a channel. (One trial here; the fault suite runs many.)
 */
class KillDuringFanOutTest {

    private static final int PEOPLE = 600;

    private final SignalDaemonStandIn signal = new SignalDaemonStandIn(0);
    private final TwilioStandIn twilio = new TwilioStandIn();
    private final List<Process> processes = new ArrayList<>();
    private volatile boolean phonesOn = true;

    @AfterEach
    void stopEverything() throws IOException, InterruptedException {
        phonesOn = false;
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        signal.close();
        twilio.close();
    }

    @Test
    void aGatewayKilledMidFanOutLosesNobodyAndSendsNothingTwiceOnAChannel(@TempDir Path dataDir) throws Exception {
        signal.start();
        twilio.start();
        String database = TestPostgres.createDatabase("kill");
        startPhones();
        Path logs = Files.createDirectories(Path.of("target", "kill-trial"));

        Process first = node(database, dataDir, PEOPLE, logs.resolve("first.log"));
        waitFor(logs.resolve("first.log"), "AVISO-COMPOSED", Duration.ofSeconds(180), first);
        waitUntil(Duration.ofSeconds(120), () -> signal.received().size() >= PEOPLE / 6, "a quarter of Signal sent");
        List<String> firstOwners = strings(database,
                "select distinct lease_owner from delivery where status = 'SENDING' and lease_owner is not null");
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
        first.waitFor();
        int sentBeforeKill = signal.received().size();
        int smsBeforeKill = twilio.recipients().size();
        assertThat(sentBeforeKill).as("the kill came in the middle of the fan-out").isLessThan(PEOPLE);
        long heldAtKill = count(database, "select count(*) from delivery where status = 'SENDING'");

        Process second = node(database, dataDir, 0, logs.resolve("second.log"));
        waitFor(logs.resolve("second.log"), "AVISO-READY", Duration.ofSeconds(180), second);
        long ready = System.nanoTime();
        String owners = "'" + String.join("','", firstOwners.isEmpty() ? List.of("-") : firstOwners) + "'";
        waitUntil(Duration.ofSeconds(30), () -> count(database, "select count(*) from delivery where status = 'SENDING' "
                + "and lease_owner in (" + owners + ")") == 0, "the dead node's work picked up within 30 s");
        long pickedUpSeconds = Duration.ofNanos(System.nanoTime() - ready).toSeconds();

        waitUntil(Duration.ofSeconds(150), () -> count(database, """
                select count(*) from recipient_track t where t.alert_id is not null and not t.standby
                   and (not exists (select 1 from delivery d where d.track_id = t.id
                                     and d.status in ('SENT', 'DELIVERED', 'READ'))
                        or exists (select 1 from delivery d where d.track_id = t.id
                                    and (d.status in ('QUEUED', 'SENDING')
                                         or (d.status = 'UNKNOWN' and d.channel = 'SMS' and d.outcome_checked_at is null))))
                """) == 0, "everyone reached and nothing left in flight");

        int lost = 0;
        int twiceOnSignal = 0;
        int twiceBySms = 0;
        for (int i = 0; i < PEOPLE; i++) {
            String number = String.format("+1555%07d", CrashNode.FIRST_NUMBER + i);
            long bySignal = signal.sendsTo(number);
            long bySms = twilio.messagesTo(number);
            lost += bySignal + bySms == 0 ? 1 : 0;
            twiceOnSignal += bySignal > 1 ? 1 : 0;
            twiceBySms += bySms > 1 ? 1 : 0;
        }
        System.out.printf("kill -9 trial: %d Signal and %d SMS before the kill (%d people, a third SMS only), "
                + "%d deliveries held by the dead node, "
                + "picked up %d s after the restart; lost %d, twice on Signal %d, twice by SMS %d, SMS sent %d%n",
                sentBeforeKill, smsBeforeKill, PEOPLE, heldAtKill, pickedUpSeconds, lost, twiceOnSignal, twiceBySms,
                twilio.recipients().size());
        assertThat(lost).as("people who got nothing").isZero();
        assertThat(twiceOnSignal).as("people with two Signal messages").isZero();
        assertThat(twiceBySms).as("people with two SMS").isZero();
    }

    /** The recipients' phones: a delivery receipt for every Signal message, through the daemon's event stream. */
    private void startPhones() {
        Thread phones = new Thread(() -> {
            Set<Long> answered = new HashSet<>();
            while (phonesOn) {
                for (SignalDaemonStandIn.Send send : signal.received()) {
                    if (!answered.contains(send.timestamp())) {
                        try {
                            signal.deliveryReceipt(send.recipient(), send.timestamp());
                            answered.add(send.timestamp());
                        } catch (IOException | IllegalStateException nobodyListening) {
                            break; // the gateway is down or not listening yet: try again in a moment
                        }
                    }
                }
                sleep(200);
            }
        }, "test-phones");
        phones.setDaemon(true);
        phones.start();
    }

    private Process node(String database, Path dataDir, int people, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashNode.class.getName(), database,
                dataDir.resolve("data").toString(), signal.baseUrl(), twilio.baseUrl(), Integer.toString(people),
                "aviso.signal.rate-per-second=150", "aviso.twilio.rate-per-second=150",
                "aviso.delivery.send-concurrency=8", "aviso.delivery.lease=20s",
                "logging.level.org.aviso.gateway.delivery=info"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static void waitFor(Path log, String line, Duration limit, Process process) {
        waitUntil(limit, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway process ended: " + tail(log));
            }
            try {
                return Files.exists(log) && Files.readString(log).contains(line);
            } catch (IOException e) {
                return false;
            }
        }, line);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 3_000));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static long count(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void waitUntil(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
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
