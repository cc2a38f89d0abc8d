package org.aviso.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite (issue 12): the gateway as its own process against stand-ins for signal-cli and Twilio written
 * from the contracts, a 1,000-family alert, and faults as in life: {@code kill -9} of the gateway at a random
 * moment of the fan-out and a restart on the same data folder, a 60 s signal-cli outage, a 60 s Twilio outage,
 * a PostgreSQL restart. Outcomes are counted per person from what the stand-ins received. Not part of the test
 * command; run with {@code ./mvnw -q -pl alert-gateway -am -Pfaults verify} (see the README).
 */
@Tag("faults")
class FaultSuite {

    static final int GATEWAY_PORT = 8130;
    static final int SIGNAL_PORT = 8131;
    static final int TWILIO_PORT = 8132;
    static final int EMBEDDED_DB_PORT = 8133;
    static final int EXTERNAL_DB_PORT = 8134;
    static final int RECEIPT_TIMEOUT_SECONDS = 30;

    enum Fault { KILL, SIGNAL_OUTAGE, TWILIO_OUTAGE, PG_RESTART }

    enum Family { SIGNAL_AND_SMS, SMS_ONLY }

    record Trial(int number, Fault fault, Family family) {
    }

    record Result(Trial trial, String faultAt, int recipients, int lost, int dupSignal, int dupSms, int twoChannels,
            int mismatches, String mismatchDetail, String readyAfterRestart, int restartAttempts, String stats) {
    }

    private final int size = Integer.getInteger("faults.recipients", 1000);
    private final int kills = Integer.getInteger("faults.kills", 20);
    private final boolean outages = Boolean.parseBoolean(System.getProperty("faults.outages", "true"));
    private final long seed = Long.getLong("faults.seed", 12L);
    private final String lease = System.getProperty("faults.lease", "30s");
    private final JsonMapper json = JsonMapper.builder().build();
    private final Path work = Path.of("target", "faults").toAbsolutePath();
    private final Path logs = work.resolve("logs");
    private final Population population = new Population(size, seed);
    private final List<Result> results = new ArrayList<>();
    private final List<long[]> disturbances = new ArrayList<>();
    private SignalCliStandIn signal;
    private TwilioStandIn twilio;
    private Path jar;
    private Properties base;

    @Test
    void faultSuite() throws Exception {
        jar = findJar();
        Files.createDirectories(logs);
        Misbehaviour calm = new Misbehaviour(seed);
        signal = new SignalCliStandIn(SIGNAL_PORT, population, calm);
        twilio = new TwilioStandIn(TWILIO_PORT, population, calm);
        signal.up();
        twilio.up();
        base = seedBase();

        // trials on the same set-up follow each other on one data folder: each alert starts on the gateway the
        // previous trial restarted (a restart per trial, not two)
        List<Trial> trials = new ArrayList<>();
        int n = 1;
        int mixed = (kills + 1) / 2;
        for (int i = 0; i < mixed; i++) {
            trials.add(new Trial(n++, Fault.KILL, Family.SIGNAL_AND_SMS));
        }
        if (outages) {
            trials.add(new Trial(n++, Fault.SIGNAL_OUTAGE, Family.SIGNAL_AND_SMS));
            trials.add(new Trial(n++, Fault.TWILIO_OUTAGE, Family.SIGNAL_AND_SMS));
        }
        for (int i = mixed; i < kills; i++) {
            trials.add(new Trial(n++, Fault.KILL, Family.SMS_ONLY));
        }
        if (outages) {
            trials.add(new Trial(n++, Fault.PG_RESTART, Family.SIGNAL_AND_SMS));
        }
        System.out.printf("%nFAULT SUITE: %d families (%d on Signal; %d refused by Twilio for good), gateway %s,"
                + " delivery lease %s, receipt timeout %d s, Signal and SMS paced at 40/s%n", size,
                population.families.stream().filter(Population.Family::onSignal).count(),
                population.families.stream().filter(f -> !f.smsWorks()).count(), jar.getFileName(), lease,
                RECEIPT_TIMEOUT_SECONDS);
        Stage stage = null;
        try {
            for (Trial trial : trials) {
                String key = trial.family() + (trial.fault() == Fault.PG_RESTART ? "-pg" : "");
                if (stage == null || !stage.key.equals(key)) {
                    if (stage != null) {
                        stage.close();
                    }
                    stage = new Stage(key, trial.family() == Family.SIGNAL_AND_SMS,
                            trial.fault() == Fault.PG_RESTART);
                }
                Result result;
                try {
                    result = run(trial, stage);
                } catch (Exception | AssertionError e) {
                    result = new Result(trial, "-", 0, -1, -1, -1, -1, -1, "trial failed: " + e, "-", 0, "");
                    e.printStackTrace(System.out);
                }
                results.add(result);
                printRow(result, results.size() == 1);
                Files.writeString(work.resolve("results.md"), table(), StandardCharsets.UTF_8);
            }
        } finally {
            if (stage != null) {
                stage.close();
            }
        }
        System.out.println();
        System.out.println(table());

        int bad = results.stream().mapToInt(r -> Math.abs(r.lost()) + Math.abs(r.dupSignal()) + Math.abs(r.dupSms())
                + Math.abs(r.twoChannels()) + Math.abs(r.mismatches())).sum();
        if (Boolean.parseBoolean(System.getProperty("faults.failOnFindings", "true"))) {
            assertThat(bad).as("people lost, duplicated, sent on two channels without a reason, or misreported "
                    + "over all trials (table above)").isZero();
            assertThat(results.stream().filter(r -> r.trial().fault() == Fault.KILL && !readyInTime(r)).map(
                    r -> r.trial().number()).toList()).as("kill trials whose first restart was not ready, at the first "
                    + "start, within " + READY_WITHIN.toSeconds() + " s (table above)").isEmpty();
        }
    }

    /** Issue 12: the restart after a crash works the first time and is ready within this. */
    static final Duration READY_WITHIN = Duration.ofSeconds(20);

    /**
     * Whether a kill trial's restart was ready at its first start and within {@link #READY_WITHIN}. The totals
     * counted first starts only, so a run whose restarts took 24.8 and 33.3 s still said "ready in 20 of 20".
     */
    static boolean readyInTime(Result r) {
        if (r.restartAttempts() != 1) {
            return false;
        }
        try {
            return Double.parseDouble(r.readyAfterRestart().replace(" s", "").replace(',', '.'))
                    <= READY_WITHIN.toSeconds();
        } catch (NumberFormatException notMeasured) {
            return false;
        }
    }

    // ---- the base data folder: network, administrator, two dispatchers, 1,000 families, all made the app's way

    private Properties seedBase() throws Exception {
        Path dir = work.resolve("base");
        Path marker = dir.resolve("suite.properties");
        if (Files.exists(marker) && Files.readString(marker).contains("families=" + size + "\n")) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(marker)) {
                p.load(in);
            }
            System.out.println("Fault suite: reusing the seeded data folder " + dir);
            return p;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Path log = logs.resolve("seed.log");
        Files.deleteIfExists(log);
        GatewayProcess gateway = gateway();
        long started = System.currentTimeMillis();
        gateway.start(new GatewayProcess.Options(dir, true, null, log));
        try {
            if (gateway.awaitReady(Duration.ofMinutes(3)) < 0) {
                throw new IllegalStateException("the gateway did not start; see " + log);
            }
            // the first start writes its administrator's credentials to a file in the data folder (never the log)
            Path credentials = dir.resolve("first-sign-in.txt");
            String out = "";
            for (int i = 0; i < 120 && !out.contains("TOTP secret:"); i++) {
                if (Files.exists(credentials)) {
                    out = Files.readString(credentials);
                }
                if (!out.contains("TOTP secret:")) {
                    Thread.sleep(500); // written by a runner after the server is up
                }
            }
            ConsoleSession.Account admin = new ConsoleSession.Account(find(out, "user name:\\s+(\\S+)"),
                    find(out, "passphrase:\\s+(\\S+)"), find(out, "TOTP secret:\\s+(\\S+)"));
            ConsoleSession session = new ConsoleSession(gateway.base());
            session.signIn(admin);
            if (session.mustChangePassphrase) {
                String chosen = "fault suite administrator " + java.util.UUID.randomUUID();
                expect(session.post("/account/passphrase", Map.of("current", admin.passphrase(), "chosen", chosen,
                        "repeated", chosen)), 302, "first passphrase");
            }
            expect(session.post("/admin/settings", Map.of("retentionDays", 30, "quorumFamilyWide", 2,
                    "quorumStaffOnly", 1, "receiptTimeoutSeconds", RECEIPT_TIMEOUT_SECONDS, "signalQueueLimitSeconds", 120)),
                    302, "settings");
            expect(session.post("/admin/groups", Map.of("name", "Families", "tier", "FAMILIES", "receives",
                    List.of("VERIFIED", "UPDATE", "ALL_CLEAR", "FALSE_ALARM", "DRILL"), "acknowledgementMinutes", 5,
                    "mode", "DIRECT")), 302, "group");
            String group = find(session.get("/admin/groups").body(),
                    "/admin/groups/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
            Properties p = new Properties();
            p.setProperty("group", group);
            for (int i = 0; i < 2; i++) {
                ConsoleSession.Answer person = expect(session.post("/admin/people", Map.of("name",
                        "Dispatcher " + (i + 1), "language", "en", "roles", "DISPATCHER", "phone",
                        population.dispatcherNumbers.get(i))), 302, "dispatcher");
                String personId = find(person.location(), "/admin/people/([0-9a-f-]{36})");
                ConsoleSession.Answer created = expect(session.post("/admin/accounts", Map.of("username",
                        "dispatcher" + (i + 1), "role", "DISPATCHER", "person", personId)), 200, "account");
                p.setProperty("d" + i + ".user", find(created.body(), "id=\"created-username\">([^<]+)<"));
                p.setProperty("d" + i + ".pass", find(created.body(), "id=\"created-passphrase\">([^<]+)<"));
                p.setProperty("d" + i + ".totp", find(created.body(), "id=\"created-totp-secret\">([^<]+)<"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (Population.Family f : population.families) {
                done.add(pool.submit(() -> {
                    expect(session.post("/admin/people", Map.of("label", f.label(), "language", f.language(),
                            "roles", "FAMILY", "phone", f.number(), "groups", group)), 302, "family " + f.label());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("Fault suite: seeded %d families through the admin pages in %d s%n", size,
                    (System.currentTimeMillis() - started) / 1000);
            Set<String> everyone = new HashSet<>(population.byNumber.keySet());
            long waitUntil = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
            while (!signal.askedAbout().containsAll(everyone) && System.currentTimeMillis() < waitUntil) {
                Thread.sleep(1_000);
            }
            assertThat(signal.askedAbout()).as("the gateway asked signal-cli about every family").containsAll(everyone);
            Thread.sleep(5_000);
            p.setProperty("families", Integer.toString(size));
            gateway.stop();
            assertThat(gateway.alive()).isFalse();
            try (var writer = Files.newBufferedWriter(marker)) {
                p.store(writer, "fault suite base data");
            }
            return p;
        } finally {
            gateway.kill();
            GatewayProcess.endLeftoverPostgres(dir.resolve("postgres"));
        }
    }

    // ---- one trial

    /** A data folder (a copy of the seeded one), its gateway, and for the PostgreSQL trial its own database. */
    private final class Stage {
        final String key;
        final boolean withSignal;
        final Path dir;
        final GatewayProcess gateway = gateway();
        ExternalPostgres pg;
        String datasource;

        Stage(String key, boolean withSignal, boolean ownPostgres) throws Exception {
            this.key = key;
            this.withSignal = withSignal;
            this.dir = work.resolve("run-" + key.toLowerCase());
            deleteTree(dir);
            copyTree(work.resolve("base"), dir);
            Files.deleteIfExists(dir.resolve("postgres").resolve("postmaster.pid"));
            if (ownPostgres) {
                pg = new ExternalPostgres(dir.resolve("postgres"), EXTERNAL_DB_PORT,
                        logs.resolve("run-" + key.toLowerCase() + "-postgres.log"));
                pg.start();
                datasource = "jdbc:postgresql://127.0.0.1:" + EXTERNAL_DB_PORT + "/postgres";
            }
        }

        void ensureRunning() throws Exception {
            if (gateway.alive()) {
                return;
            }
            gateway.start(new GatewayProcess.Options(dir, withSignal, datasource,
                    logs.resolve("run-" + key.toLowerCase() + "-first-start.log")));
            if (gateway.awaitReady(Duration.ofMinutes(4)) < 0) {
                gateway.kill();
                throw new IllegalStateException("the gateway did not start");
            }
        }

        void close() throws Exception {
            gateway.kill();
            if (pg != null) {
                pg.stop();
            }
            GatewayProcess.endLeftoverPostgres(dir.resolve("postgres"));
            // kept until the next run starts this stage: a lost family's rows can only be read back from it (the
            // 03:46 run's trial 12 could not be, its folder was gone)
            System.out.println("        (this stage's data folder is kept for reading back: " + dir + ")");
        }
    }

    private Result run(Trial trial, Stage stage) throws Exception {
        for (int start = 1; start <= 4; start++) {
            Files.deleteIfExists(log(trial, start));
        }
        stage.ensureRunning();
        Ledger ledger = new Ledger();
        Misbehaviour faults = new Misbehaviour(seed * 1000 + trial.number());
        signal.reset(ledger, faults);
        twilio.reset(ledger, faults);
        signal.up();
        twilio.up();
        disturbances.clear();
        Path dir = stage.dir;
        boolean withSignal = stage.withSignal;
        ExternalPostgres pg = stage.pg;
        String datasource = stage.datasource;
        GatewayProcess gateway = stage.gateway;
        Random random = new Random(seed * 7919 + trial.number());
        String faultAt = "-";
        String ready = "-";
        int attempts = 0;
        {
            ConsoleSession first = new ConsoleSession(gateway.base());
            first.signIn(account(0));
            ConsoleSession second = new ConsoleSession(gateway.base());
            second.signIn(account(1));
            ConsoleSession.Answer composed = expect(first.post("/console/alerts", Map.of("kind", "DRILL", "groups",
                    base.getProperty("group"), "instructions", "Fault suite trial " + trial.number(), "action",
                    "send")), 302, "compose");
            String alert = find(composed.location(), "/console/alerts/([0-9a-f-]{36})");
            expect(second.post("/console/alerts/" + alert + "/approve", Map.of()), 302, "approve");
            long sentAt = System.currentTimeMillis();
            long faultOver;
            switch (trial.fault()) {
                case KILL -> {
                    int target = 20 + random.nextInt(Math.max(1, size - 40));
                    awaitAccepted(ledger, target, sentAt);
                    long killedAt = System.currentTimeMillis();
                    gateway.kill();
                    faultAt = String.format("%d msgs, %.1f s", ledger.accepted.get(), (killedAt - sentAt) / 1000.0);
                    long restartAt = System.currentTimeMillis();
                    long readyAt = -1;
                    while (readyAt < 0 && attempts < 3) {
                        attempts++;
                        if (attempts == 3) {
                            // two starts failed: end the PostgreSQL the killed gateway left running, as an operator would
                            GatewayProcess.endLeftoverPostgres(dir.resolve("postgres"));
                        }
                        gateway.start(new GatewayProcess.Options(dir, withSignal, datasource, log(trial, attempts + 1)));
                        if (gateway.awaitReady(Duration.ofMinutes(3)) >= 0) {
                            readyAt = System.currentTimeMillis();
                        } else {
                            gateway.kill();
                        }
                    }
                    if (readyAt < 0) {
                        throw new IllegalStateException("the gateway did not come back after three starts");
                    }
                    ready = String.format("%.1f s", (readyAt - restartAt) / 1000.0);
                    disturbances.add(new long[] {killedAt, readyAt});
                    faultOver = readyAt;
                    first = new ConsoleSession(gateway.base());
                    first.signIn(account(0));
                }
                case SIGNAL_OUTAGE, TWILIO_OUTAGE -> {
                    awaitAccepted(ledger, size / 5, sentAt);
                    long downAt = System.currentTimeMillis();
                    if (trial.fault() == Fault.SIGNAL_OUTAGE) {
                        signal.down();
                    } else {
                        twilio.down();
                    }
                    faultAt = String.format("%d msgs, %.1f s", ledger.accepted.get(), (downAt - sentAt) / 1000.0);
                    Thread.sleep(60_000);
                    signal.up();
                    twilio.up();
                    faultOver = System.currentTimeMillis();
                    disturbances.add(new long[] {downAt, faultOver});
                }
                case PG_RESTART -> {
                    awaitAccepted(ledger, size * 3 / 10, sentAt);
                    long downAt = System.currentTimeMillis();
                    faultAt = String.format("%d msgs, %.1f s", ledger.accepted.get(), (downAt - sentAt) / 1000.0);
                    pg.restartImmediately(Duration.ofSeconds(5));
                    faultOver = System.currentTimeMillis();
                    disturbances.add(new long[] {downAt, faultOver});
                }
                default -> throw new IllegalStateException();
            }
            JsonNode report = settle(first, alert, ledger, faultOver);
            Result result = analyse(trial, faultAt, ready, attempts, ledger, report, withSignal);
            drain(first, alert);
            return result;
        }
    }

    /**
     * The next trial of a stage runs on the same gateway: a message of this alert still queued (a retry waiting out a
     * rate limit) must not go out during the next one, where the stand-ins would count it against that alert (trial
     * 11 of the 2026-12-05 23:20 run counted a trial-10 message as a duplicate). Nothing queued is not enough: an SMS
     * fallback for a Signal message whose outcome became unknown is only queued when the receipt timeout has passed
     * (a trial-1 fallback went out during trial 2 of the 02:28 run), so nothing may be queued for the receipt timeout
     * plus 10 s. Not counted; at most 10 minutes.
     */
    private void drain(ConsoleSession console, String alert) throws Exception {
        long limit = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        long quiet = (RECEIPT_TIMEOUT_SECONDS + 10) * 1000L;
        long emptySince = -1;
        while (System.currentTimeMillis() < limit) {
            ConsoleSession.Answer answer = console.get("/api/console/alerts/" + alert + "/deliveries");
            long now = System.currentTimeMillis();
            if (answer.status() == 200 && json.readTree(answer.body()).path("queuedMessages").asLong() == 0) {
                emptySince = emptySince < 0 ? now : emptySince;
                if (now - emptySince >= quiet) {
                    return;
                }
            } else {
                emptySince = -1;
            }
            Thread.sleep(2_000);
        }
        System.out.println("        (this alert still had messages queued 10 minutes after its count)");
    }

    private void awaitAccepted(Ledger ledger, int target, long since) throws InterruptedException {
        long limit = since + Duration.ofMinutes(3).toMillis();
        while (ledger.accepted.get() < target && System.currentTimeMillis() < limit) {
            Thread.sleep(5);
        }
    }

    /**
     * Waits until the work is done: at least the lease plus 20 s after the fault ended, no message queued in
     * the report, and no message reached a stand-in for the receipt timeout plus 10 s. At most 3 minutes.
     */
    private JsonNode settle(ConsoleSession console, String alert, Ledger ledger, long faultOver) throws Exception {
        long leaseMs = Duration.parse("PT" + lease.toUpperCase()).toMillis();
        long earliest = faultOver + leaseMs + 20_000;
        long latest = faultOver + Duration.ofMinutes(3).toMillis();
        long quiet = (RECEIPT_TIMEOUT_SECONDS + 10) * 1000L;
        JsonNode report = null;
        while (true) {
            Thread.sleep(2_000);
            ConsoleSession.Answer answer = console.get("/api/console/alerts/" + alert + "/deliveries");
            if (answer.status() == 200) {
                report = json.readTree(answer.body());
            }
            long now = System.currentTimeMillis();
            boolean idle = report != null && report.path("queuedMessages").asLong() == 0
                    && now - Math.max(ledger.lastAcceptedAt.get(), faultOver) >= quiet;
            if ((now >= earliest && idle) || now >= latest) {
                if (report == null) {
                    throw new IllegalStateException("no delivery report (HTTP " + answer.status() + ")");
                }
                return report;
            }
        }
    }

    // ---- counting, per person, from what the stand-ins received

    private Result analyse(Trial trial, String faultAt, String ready, int attempts, Ledger ledger, JsonNode report,
            boolean withSignal) {
        int lost = 0;
        int dupSignal = 0;
        int dupSms = 0;
        int twoChannels = 0;
        long signalMessages = 0;
        long smsMessages = 0;
        Set<String> reachedNothing = new HashSet<>();
        for (Population.Family f : population.families) {
            List<Ledger.SignalMessage> sig = ledger.signalOf(f.number());
            List<Ledger.Sms> sms = ledger.smsOf(f.number());
            signalMessages += sig.size();
            smsMessages += sms.size();
            boolean reachable = (withSignal && f.onSignal()) || f.smsWorks();
            if (sig.isEmpty() && sms.isEmpty()) {
                reachedNothing.add(f.label());
                if (reachable) {
                    lost++;
                }
            }
            if (sig.size() > 1) {
                dupSignal++;
            }
            if (sms.size() > 1) {
                dupSms++;
            }
            if (!sig.isEmpty() && !sms.isEmpty() && sig.stream().anyMatch(this::confirmedInTime)) {
                twoChannels++;
            }
        }
        writeDetail(trial, ledger);
        // the report against the stand-ins
        List<String> detail = new ArrayList<>();
        int mismatches = 0;
        long recipients = report.path("recipients").asLong();
        if (recipients != size) {
            mismatches += (int) Math.abs(recipients - size);
            detail.add("recipients " + recipients);
        }
        long stillQueued = report.path("byState").path("queued").asLong(0);
        if (stillQueued > 0 && report.path("queuedMessages").asLong() == 0) {
            mismatches += (int) stillQueued;
            detail.add(stillQueued + " people shown queued with no message queued");
        }
        mismatches += channelMismatch("SIGNAL", report, signalMessages, detail);
        mismatches += channelMismatch("SMS", report, smsMessages, detail);
        Set<String> reportedUnreachable = new HashSet<>();
        Set<String> reportedUnknown = new HashSet<>();
        // "outcome unknown" is the report saying it cannot tell, not a claim that nothing arrived: only the people it
        // lists as unreachable or opted out are checked against what the stand-ins received, and someone who got
        // nothing but is listed "outcome unknown" is told truthfully (they still count as lost above)
        report.path("unreachable").forEach(u -> {
            if (!"outcome_unknown".equals(u.path("reason").asString(""))) {
                reportedUnreachable.add(u.path("who").asString(""));
            } else {
                reportedUnknown.add(u.path("who").asString(""));
            }
        });
        if (reportedUnreachable.size() < 500) {
            Set<String> notReported = new HashSet<>(reachedNothing);
            notReported.removeAll(reportedUnreachable);
            notReported.removeAll(reportedUnknown);
            Set<String> wronglyReported = new HashSet<>(reportedUnreachable);
            wronglyReported.removeAll(reachedNothing);
            if (!notReported.isEmpty()) {
                detail.add(notReported.size() + " got nothing, not listed unreachable");
            }
            if (!wronglyReported.isEmpty()) {
                detail.add(wronglyReported.size() + " listed unreachable, got a message");
            }
            mismatches += notReported.size() + wronglyReported.size();
        }
        String stats = String.format("stand-ins: Signal %d calls (%d faults), %d messages, receipts %d written/%d lost;"
                + " Twilio %d calls (%d faults), %d accepted, %d callbacks; report byState %s, messages %s",
                ledger.signalCalls.get(), ledger.signalFaults.get(), signalMessages, ledger.receiptsWritten.get(),
                ledger.receiptsLost.get(), ledger.smsCalls.get(), ledger.smsFaults.get(), smsMessages,
                ledger.callbacksPosted.get(), report.path("byState"), report.path("messagesByChannel"));
        return new Result(trial, faultAt, size, lost, dupSignal, dupSms, twoChannels, mismatches,
                String.join("; ", detail), ready, attempts, stats);
    }

    /** Per family, what the stand-ins saw (epoch milliseconds), for looking into a figure: logs/trial-NN.csv. */
    private void writeDetail(Trial trial, Ledger ledger) {
        StringBuilder csv = new StringBuilder("# faults (from,to):");
        disturbances.forEach(d -> csv.append(' ').append(d[0]).append(',').append(d[1]));
        csv.append("\nlabel,on_signal,sms_refusal,signal_messages,sms_messages,signal_accepted,signal_answered,"
                + "receipt_written,sms_accepted,sms_answered,two_channels_without_reason\n");
        for (Population.Family f : population.families) {
            List<Ledger.SignalMessage> sig = ledger.signalOf(f.number());
            List<Ledger.Sms> sms = ledger.smsOf(f.number());
            Ledger.SignalMessage s0 = sig.isEmpty() ? null : sig.get(0);
            Ledger.Sms m0 = sms.isEmpty() ? null : sms.get(0);
            csv.append(f.label()).append(',').append(f.onSignal()).append(',').append(f.smsRefusal()).append(',')
                    .append(sig.size()).append(',').append(sms.size()).append(',')
                    .append(s0 == null ? "" : s0.acceptedAt).append(',').append(s0 == null ? "" : s0.answeredAt)
                    .append(',').append(s0 == null ? "" : s0.receiptWrittenAt).append(',')
                    .append(m0 == null ? "" : m0.acceptedAt).append(',').append(m0 == null ? "" : m0.answeredAt)
                    .append(',').append(!sig.isEmpty() && !sms.isEmpty() && sig.stream().anyMatch(this::confirmedInTime))
                    .append('\n');
        }
        try {
            Files.writeString(logs.resolve(String.format("trial-%02d.csv", trial.number())), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The gateway knew this Signal message was delivered before the receipt timeout: signal-cli answered the send,
     * the delivery receipt was written to a connected event stream after that and within the timeout, and no
     * fault (kill, outage, database restart) touched that span or the 3 s after it. An SMS to that person then has
     * no reason.
     */
    private boolean confirmedInTime(Ledger.SignalMessage m) {
        if (m.answeredAt == 0 || m.receiptWrittenAt == 0 || m.receiptWrittenAt < m.answeredAt) {
            return false;
        }
        if (m.receiptWrittenAt - m.answeredAt > RECEIPT_TIMEOUT_SECONDS * 1000L - 1000) {
            return false;
        }
        long from = m.acceptedAt;
        long to = m.receiptWrittenAt + 3_000;
        return disturbances.stream().noneMatch(d -> d[0] <= to && d[1] >= from);
    }

    /** Messages the report counts as sent (sent, delivered, read), or unknown, against those the stand-in took. */
    private static int channelMismatch(String channel, JsonNode report, long received, List<String> detail) {
        JsonNode c = report.path("messagesByChannel").path(channel);
        long ok = c.path("sent").asLong(0) + c.path("delivered").asLong(0) + c.path("read").asLong(0);
        long unknown = c.path("unknown").asLong(0);
        if (received < ok) {
            detail.add(channel + ": report " + ok + " sent, stand-in got " + received);
            return (int) (ok - received);
        }
        if (received > ok + unknown) {
            detail.add(channel + ": stand-in got " + received + ", report " + ok + " sent + " + unknown + " unknown");
            return (int) (received - ok - unknown);
        }
        return 0;
    }

    // ---- printing

    private static final String HEADER = String.format("| %-5s | %-13s | %-14s | %-18s | %-10s | %-4s | %-10s | %-7s | %-12s | %-10s | %-22s |",
            "trial", "fault", "families", "fault at", "recipients", "lost", "dup Signal", "dup SMS",
            "2 ch. no why", "report mis.", "ready after restart");

    private void printRow(Result r, boolean header) {
        if (header) {
            System.out.println(HEADER);
        }
        System.out.println(row(r));
        System.out.println("        " + (r.mismatchDetail().isEmpty() ? "" : "mismatches: " + r.mismatchDetail() + " | ")
                + r.stats());
    }

    private static String row(Result r) {
        return String.format("| %-5d | %-13s | %-14s | %-18s | %-10d | %-4d | %-10d | %-7d | %-12d | %-11d | %-22s |",
                r.trial().number(), r.trial().fault(), r.trial().family(), r.faultAt(), r.recipients(), r.lost(),
                r.dupSignal(), r.dupSms(), r.twoChannels(), r.mismatches(),
                r.readyAfterRestart() + (r.restartAttempts() > 1 ? " (" + r.restartAttempts() + " starts)" : ""));
    }

    private String table() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        sb.append("|").append("-------|".repeat(11)).append('\n');
        results.forEach(r -> sb.append(row(r)).append('\n'));
        int kills = 0;
        int firstStartOk = 0;
        for (Result r : results) {
            if (r.trial().fault() == Fault.KILL) {
                kills++;
                if (readyInTime(r)) {
                    firstStartOk++;
                }
            }
        }
        // a trial that failed has -1 in every count: it is named apart, never added in (it once cancelled a lost family)
        List<Result> counted = results.stream().filter(r -> r.lost() >= 0).toList();
        List<Integer> failed = results.stream().filter(r -> r.lost() < 0).map(r -> r.trial().number()).toList();
        sb.append(String.format("Totals over %d trials: lost %d, duplicated on Signal %d, on SMS %d, two channels without"
                + " a reason %d, report mismatches %d; first restart ready, at the first start and within %d s, in %d"
                + " of %d kill trials%s%n", counted.size(),
                counted.stream().mapToInt(Result::lost).sum(), counted.stream().mapToInt(Result::dupSignal).sum(),
                counted.stream().mapToInt(Result::dupSms).sum(), counted.stream().mapToInt(Result::twoChannels).sum(),
                counted.stream().mapToInt(Result::mismatches).sum(), READY_WITHIN.toSeconds(), firstStartOk, kills,
                failed.isEmpty() ? "" : "; FAILED to run, not counted: trial " + failed));
        return sb.toString();
    }

    // ---- helpers

    private GatewayProcess gateway() {
        return new GatewayProcess(jar, GATEWAY_PORT, SIGNAL_PORT, TWILIO_PORT, EMBEDDED_DB_PORT,
                Map.of("AVISO_DELIVERY_LEASE", lease));
    }

    private ConsoleSession.Account account(int i) {
        return new ConsoleSession.Account(base.getProperty("d" + i + ".user"), base.getProperty("d" + i + ".pass"),
                base.getProperty("d" + i + ".totp"));
    }

    private Path log(Trial trial, int start) {
        return logs.resolve(String.format("trial-%02d-start-%d.log", trial.number(), start));
    }

    private static ConsoleSession.Answer expect(ConsoleSession.Answer answer, int status, String what) {
        if (answer.status() != status) {
            String body = answer.body() == null ? "" : answer.body();
            throw new IllegalStateException(what + ": HTTP " + answer.status() + " (expected " + status + ") "
                    + answer.location() + " " + body.substring(0, Math.min(400, body.length())));
        }
        return answer;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + regex);
        }
        return m.group(1).trim();
    }

    private static Path findJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("alert-gateway-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no boot jar under target/: run with -Pfaults verify (package comes first)"))
                    .toAbsolutePath();
        }
    }

    /** {@code cp -a}: PostgreSQL insists on its folder's owner and mode (0700), which a plain copy loses. */
    static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp -a " + from + " " + to + " failed");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
