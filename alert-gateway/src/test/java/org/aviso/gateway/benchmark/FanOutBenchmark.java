package org.aviso.gateway.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aviso.core.alert.AlertKind;
import org.aviso.gateway.alert.AlertService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prints what the durable fan-out achieves against loopback stub providers: deliveries per second and time to the
 * last send at 10,000 and 100,000 recipients (with peak heap), counting only deliveries the stub accepted; the
 * stub's ceiling measured in the same run with wrk, and the ratio to it of the one-request-per-recipient mode (the
 * batched default carries up to 20 recipients per request, so it gets no ratio); the database's durability settings
 * and the machine's load average as read at the start; and a paced run per sender. Run with {@code -Pbenchmark} (the profile sets
 * -Xmx512m); it is not part of the test command and asserts nothing: it reports.
 */
@Tag("benchmark")
class FanOutBenchmark {

    private static final int CONCURRENCY = 64;

    @Test
    void fanOut() throws Exception {
        try (StubProviders stub = new StubProviders(32)) {
            line("Aviso fan-out benchmark: %d cores, max heap %d MB, Java %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
            double raw = Wrk.ceiling(stub, CONCURRENCY, Duration.ofSeconds(10));
            if (raw > 0) {
                line("stub ceiling, measured now with wrk (%d connections, 2 threads, 10 s, one Signal send of one "
                        + "recipient per request): %,.0f requests/s", CONCURRENCY, raw);
            }
            Path data = Files.createTempDirectory("aviso-bench");
            try (BenchmarkDatabase durable = new BenchmarkDatabase(data)) {
                line("database durability, as the server reports it: %s; machine load average now: %s",
                        durable.durability(), loadAverage());
                line("");
                line("Unpaced fan-out, batched (Aviso's default: up to 20 recipients per Signal call, as signal-cli allows);");
                line("people on Signal carry the account the reachability check recorded, except where a run says not:");
                try (ConfigurableApplicationContext node = BenchmarkDatabase.node(durable.create("bench"), data, stub,
                        "1000000", "1000000")) {
                    // a long-running server is warm: its JIT compiler finished long ago with the paths a fan-out
                    // takes. Two warm-up runs were not enough on 2 cores: the compiler still took 3-6 s of its
                    // threads' time in each of the next three runs (JFR, 2026-12-07: C2 a quarter of the JVM's CPU).
                    // Each warm-up prints its figures, so what a freshly started node does is in the report too
                    for (int warmUp = 1; warmUp <= WARM_UPS; warmUp++) {
                        fanOutRun(node, 10_000, raw, "warm-up " + warmUp + " of " + WARM_UPS
                                + (warmUp == 1 ? " (the node's first alert, Send pressed once the compiler was "
                                        + "done with its start and the school's setup)" : ""), false);
                    }
                    for (int run = 1; run <= 3; run++) {
                        avisoRates.add(fanOutRun(node, 10_000, raw, "measured run " + run, true));
                    }
                    fanOutRun(node, 100_000, raw, "measured", true);
                    accountsKnown = false;
                    fanOutRun(node, 10_000, raw, "first alert to a school whose Signal accounts no reachability "
                            + "check has recorded yet (each accepted send writes the account to the person)", true);
                    accountsKnown = true;
                }
                line("");
                compareWithAlertmanager(stub);
                line("");
                line("Unpaced fan-out, one Signal request per recipient (to compare with the stub's raw capacity):");
                try (ConfigurableApplicationContext node = BenchmarkDatabase.node(durable.create("benchsingle"),
                        data.resolve("s"), stub, "1000000", "1000000", "aviso.signal.max-recipients-per-call=1")) {
                    singleRecipientRequests = true;
                    fanOutRun(node, 10_000, raw, "warm-up", false);
                    fanOutRun(node, 10_000, raw, "measured", true);
                    singleRecipientRequests = false;
                }
                line("");
                try (ConfigurableApplicationContext node = BenchmarkDatabase.node(durable.create("benchpaced"),
                        data.resolve("p"), stub, "25", "40", "aviso.signal.accounts=+15550100001,+15550100002")) {
                    pacedRun(node, stub);
                }
            }
        }
    }

    /**
     * Waits, at most 15 s, until the JIT compiler threads have used no CPU for half a second (read from
     * {@code /proc/self/task}; where that cannot be read, until no compilation has finished for half a second).
     * Setting up a run (a school of 10,000 people, each number encrypted and indexed, written in batches) hands the
     * compiler work that it went on with after Send was pressed, taking a core from the fan-out; a real school is set
     * up long before its first alert. Returns how long it waited.
     */
    private static Duration compilerQuiet() throws InterruptedException {
        long started = System.nanoTime();
        long seen = compilerWork();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 500_000_000L && System.nanoTime() - started < 15_000_000_000L) {
            Thread.sleep(50);
            long now = compilerWork();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** CPU ticks the JIT compiler threads used so far, or, where /proc cannot be read, the compilation time. */
    private static long compilerWork() {
        long ticks = 0;
        boolean found = false;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (!name.contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    found = true;
                } catch (java.io.IOException | RuntimeException gone) {
                    // a compiler thread that ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            found = false;
        }
        return found ? ticks : Background.compilingMillis();
    }

    /**
     * Warm-up runs before the measured ones (100,000 deliveries): the JIT compiler's time per run falls from about
     * 8.5 s in the first to about 1.5 s in the tenth on 2 cores (2026-12-07), and does not reach nothing.
     */
    private static final int WARM_UPS = 10;

    /** The JIT compiler's time (ms) in the last fan-out run. */
    private long lastCompiling;

    /** Aviso's end-to-end rate in each measured 10,000-recipient run. */
    private final List<Double> avisoRates = new ArrayList<>();

    private void compareWithAlertmanager(StubProviders stub) throws Exception {
        Optional<Path> binary = AlertmanagerRun.find();
        if (binary.isEmpty()) {
            line("Prometheus Alertmanager comparison: not run, Alertmanager is not installed "
                    + "(apt-get install -y prometheus-alertmanager)");
            return;
        }
        try (AlertmanagerRun alertmanager = new AlertmanagerRun(binary.get(), stub)) {
            line("Prometheus Alertmanager (%s) on this machine, to the same stub: 10,000 alerts, each its own group, "
                    + "sent at once as one webhook (in memory, not durable per delivery)", alertmanager.version);
            alertmanager.fanOut(stub, "warm-up", 10_000);
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= 3; run++) {
                double seconds = alertmanager.fanOut(stub, "run" + run, 10_000);
                if (seconds < 0) {
                    line("  measured run %d: did not finish within 10 minutes", run);
                    return;
                }
                rates.add(10_000 / seconds);
                line("  measured run %d: first post -> last webhook received %.2f s = %,.0f deliveries/s", run, seconds,
                        10_000 / seconds);
            }
            double aviso = median(avisoRates);
            double theirs = median(rates);
            line("  median: Aviso %,.0f durable deliveries/s end to end vs Alertmanager %,.0f/s: %.1fx", aviso, theirs,
                    aviso / theirs);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private double fanOutRun(ConfigurableApplicationContext node, int people, double raw, String label, boolean report)
            throws Exception {
        BulkPopulation population = BulkPopulation.create(node, "Bench " + people, people, people * 10, 0.1,
                accountsKnown);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        MeterRegistry meters = node.getBean(MeterRegistry.class);
        System.gc();
        Duration settling = compilerQuiet();
        HeapWatch heap = new HeapWatch();
        double before = finalOutcomes(meters);
        // not pg_stat_reset(): it also zeroes the counts autovacuum goes by, and would put it off
        Map<String, Long> countersBefore = BenchmarkDatabase.STATEMENTS ? counters(jdbc) : Map.of();
        if (BenchmarkDatabase.STATEMENTS) {
            jdbc.queryForList("select pg_stat_statements_reset()");
        }
        Background background = new Background(jdbc);
        long started = System.nanoTime();
        AlertService.Outcome sent = node.getBean(AlertService.class).compose(population.dispatcher(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(population.site()),
                        Set.of(population.staff()), ""));
        long composed = System.nanoTime();
        String alert = sent.alert().value().toString();
        long expected = people; // one message each: Signal, or SMS for the tenth known not to be on Signal
        // waits for every outcome to be written (the node counts one once its transaction has committed); only the
        // accepted ones (SENT) are counted below. Read from the node's counters, not by counting rows: a count(*) of
        // the alert's rows every 50 ms took 13% of PostgreSQL's active time (pg_stat_activity, 2026-12-06 19:59),
        // work of the benchmark's own that a real fan-out does not have
        while (finalOutcomes(meters) - before < expected) {
            if (Duration.ofNanos(System.nanoTime() - started).toMinutes() >= 10) {
                line("  %,d recipients: did not finish within 10 minutes", people);
                return 0;
            }
            Thread.sleep(5);
        }
        long finished = System.nanoTime();
        lastCompiling = Background.compilingMillis() - background.compiling;
        String meanwhile = background.since(); // taken now: the counts and checks below are not the run's
        long peak = heap.stop();
        long written = count(jdbc, "select count(*) from delivery where alert_id = ?::uuid and status in ('SENT','FAILED','UNKNOWN')",
                alert);
        if (written < expected) {
            throw new IllegalStateException("the node counted " + expected + " outcomes written but the outbox holds "
                    + written + " for the alert");
        }
        Map<String, Object> span = jdbc.queryForMap("select extract(epoch from max(sent_at) - min(sent_at)) as fanout, "
                + "count(*) filter (where channel = 'SIGNAL') as signal, count(*) filter (where channel = 'SMS') as sms "
                + "from delivery where alert_id = ?::uuid and status = 'SENT'", alert);
        double seconds = (finished - started) / 1e9;
        double fanOut = ((Number) span.get("fanout")).doubleValue();
        long accepted = ((Number) span.get("signal")).longValue() + ((Number) span.get("sms")).longValue();
        long notAccepted = count(jdbc, "select count(*) from delivery where alert_id = ?::uuid and status <> 'SENT'",
                alert);
        line("  %,d recipients, %s: %,d Signal + %,d SMS accepted by the stub", people, label,
                ((Number) span.get("signal")).longValue(), ((Number) span.get("sms")).longValue());
        if (!report) {
            line("    %.2f s end to end = %,.0f/s, %,.0f/s through the outbox; JIT compiling meanwhile: %,d ms (Send "
                    + "pressed after waiting %.1f s for it to finish with the school's setup)", seconds,
                    accepted / seconds, accepted / fanOut, lastCompiling, settling.toMillis() / 1e3);
            return people / seconds;
        }
        line("    Send pressed -> alert composed, signed, rendered, %,d tracks and first deliveries written: %.2f s",
                people, (composed - started) / 1e9);
        line("    Send pressed -> last message accepted: %.2f s = %,.0f accepted durable deliveries/s end to end (%,d "
                + "deliveries not accepted, not counted)", seconds, accepted / seconds, notAccepted);
        line("    first -> last message accepted: %.2f s = %,.0f accepted deliveries/s through the outbox%s", fanOut,
                accepted / fanOut, BenchmarkDatabase.STATEMENTS ? " (with pg_stat_statements on)" : "");
        if (singleRecipientRequests && raw > 0) {
            line("    one request per recipient: %,.0f requests/s = %.2f of the stub's wrk ceiling", accepted / fanOut,
                    accepted / fanOut / raw);
        } else if (singleRecipientRequests) {
            line("    one request per recipient: %,.0f requests/s (no wrk ceiling to compare with)", accepted / fanOut);
        } else {
            line("    (batched: up to 20 recipients per request, so no ratio to the per-request ceiling)");
        }
        line("    heap in use, sampled every 20 ms during the run: at most %,d MB (of -Xmx %,d MB; garbage not yet "
                + "collected included)", peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        line("    %s (Send was pressed after waiting %.1f s for the compiler to finish with the school's setup)",
                meanwhile, settling.toMillis() / 1e3);
        if (BenchmarkDatabase.STATEMENTS) {
            statements(jdbc, countersBefore);
        }
        return accepted / seconds;
    }

    /**
     * The outbox's updates and in-place updates, and each index's scans and entries read, so far ("table:updates",
     * "table:hot", "index-name:scans", "index-name:entries"). Statistics are flushed by each connection about once
     * a second, so the differences taken after a run can miss its last moment.
     */
    private static Map<String, Long> counters(JdbcTemplate jdbc) throws InterruptedException {
        Thread.sleep(1_100); // let the pool's connections flush what they counted
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'delivery'", rs -> {
            counts.put("table:updates", rs.getLong(1));
            counts.put("table:hot", rs.getLong(2));
        });
        jdbc.query("select indexrelname, idx_scan, idx_tup_read from pg_stat_user_indexes", rs -> {
            counts.put(rs.getString(1) + ":scans", rs.getLong(2));
            counts.put(rs.getString(1) + ":entries", rs.getLong(3));
        });
        return counts;
    }

    /** The statements that took the most of PostgreSQL's time since the run started (pg_stat_statements). */
    private static void statements(JdbcTemplate jdbc, Map<String, Long> before) throws InterruptedException {
        List<Map<String, Object>> top = jdbc.queryForList("""
                select calls, round(total_exec_time)::bigint as ms, rows,
                       round(100 * total_exec_time / sum(total_exec_time) over ())::int as share,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
                  from pg_stat_statements order by total_exec_time desc limit 12
                """);
        line("    PostgreSQL's time by statement since Send was pressed (pg_stat_statements, execution only):");
        for (Map<String, Object> row : top) {
            line("      %3d%% %,7d ms %,8d calls %,9d rows  %s", ((Number) row.get("share")).intValue(),
                    ((Number) row.get("ms")).longValue(), ((Number) row.get("calls")).longValue(),
                    ((Number) row.get("rows")).longValue(), row.get("query"));
        }
        Map<String, Long> after = counters(jdbc);
        java.util.function.ToLongFunction<String> since = key -> after.getOrDefault(key, 0L)
                - before.getOrDefault(key, 0L);
        line("    outbox row updates since Send was pressed: %,d, of which in place (HOT, no new index entries): %,d",
                since.applyAsLong("table:updates"), since.applyAsLong("table:hot"));
        line("    index entries read since Send was pressed (pg_stat_user_indexes; dead entries not yet vacuumed count):");
        after.keySet().stream().filter(key -> key.endsWith(":entries")).map(key -> key.substring(0, key.length() - 8))
                .sorted(java.util.Comparator.comparingLong((String name) -> since.applyAsLong(name + ":entries"))
                        .reversed())
                .limit(6)
                .forEach(name -> {
                    long scans = since.applyAsLong(name + ":scans");
                    long entries = since.applyAsLong(name + ":entries");
                    line("      %-32s %,9d scans %,11d entries (%,d per scan)", name, scans, entries,
                            entries / Math.max(1, scans));
                });
    }

    /**
     * Whether the people on Signal carry the account the reachability check records (as on any day after a school's
     * first check or first alert); off for one run, the first alert to a school no check has seen yet.
     */
    private boolean accountsKnown = true;

    /** Set while the node sends one request per recipient, so a ratio to the per-request ceiling means something. */
    private boolean singleRecipientRequests;

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void pacedRun(ConfigurableApplicationContext node, StubProviders stub) throws Exception {
        BulkPopulation population = BulkPopulation.create(node, "Paced", 1_000, 500_000, 0.5);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        stub.arrivals.clear();
        AlertService.Outcome sent = node.getBean(AlertService.class).compose(population.dispatcher(),
                new AlertService.Composition(AlertKind.DRILL, Optional.empty(), Optional.of(population.site()),
                        Set.of(population.staff()), ""));
        String alert = sent.alert().value().toString();
        while (count(jdbc, "select count(*) from delivery where alert_id = ?::uuid and status = 'SENT'", alert) < 1_000) {
            Thread.sleep(100);
        }
        line("Paced run: 1,000 recipients, half known not to be on Signal; Signal: 2 accounts at 25 messages/s each; "
                + "SMS: one Messaging Service at 40 segments/s (1-segment texts). Measured where the provider sees it:");
        Map<String, Double> configured = Map.of("+15550100001", 25.0, "+15550100002", 25.0,
                "MG0123456789abcdef0123456789abcdef", 40.0);
        for (Map.Entry<String, java.util.Queue<Long>> entry : new java.util.TreeMap<>(stub.arrivals).entrySet()) {
            long[] times = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double rate = configured.getOrDefault(entry.getKey(), 0.0);
            double span = (times[times.length - 1] - times[0]) / 1e9;
            double achieved = (times.length - 1) / span;
            int busiest = 0;
            for (int first = 0, last = 0; last < times.length; last++) {
                while (times[last] - times[first] >= 1_000_000_000L) {
                    first++;
                }
                busiest = Math.max(busiest, last - first + 1);
            }
            line("  %-36s %4d messages over %5.1f s: %5.1f/s achieved of %.0f/s configured (%5.1f%%); busiest "
                    + "1-second window: %d", entry.getKey(), times.length, span, achieved, rate, 100 * achieved / rate,
                    busiest);
        }
    }

    /** Outcomes the node has written that end a delivery (accepted or failed for good), over every channel. */
    private static double finalOutcomes(MeterRegistry meters) {
        return meters.find("aviso_deliveries_total").counters().stream()
                .filter(c -> !"retryable".equals(c.getId().getTag("outcome")))
                .mapToDouble(Counter::count).sum();
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /**
     * Work that competes with a run for the two cores without being part of it: the JVM's compiler and collector,
     * and PostgreSQL's autovacuum (a pass finished on a table during the run, or one still under way at its end).
     */
    private static final class Background {
        private final JdbcTemplate jdbc;
        private final long compiling;
        private final long collecting;
        private final Map<String, Long> passes;

        Background(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.compiling = compilingMillis();
            this.collecting = collectingMillis();
            this.passes = passes(jdbc);
        }

        String since() {
            Map<String, Long> now = passes(jdbc);
            List<String> vacuumed = new ArrayList<>();
            now.forEach((table, count) -> {
                long more = count - passes.getOrDefault(table, 0L);
                if (more > 0) {
                    vacuumed.add(table + " " + more);
                }
            });
            List<String> running = jdbc.queryForList("select c.relname from pg_stat_progress_vacuum v "
                    + "join pg_class c on c.oid = v.relid", String.class);
            return String.format("meanwhile: JIT compiling %,d ms, GC %,d ms; autovacuum/analyze passes finished: %s; "
                    + "vacuum under way at the end: %s", compilingMillis() - compiling, collectingMillis() - collecting,
                    vacuumed.isEmpty() ? "none" : String.join(", ", vacuumed),
                    running.isEmpty() ? "none" : String.join(", ", running));
        }

        private static Map<String, Long> passes(JdbcTemplate jdbc) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            jdbc.query("select relname, autovacuum_count + autoanalyze_count from pg_stat_user_tables "
                    + "where relname in ('delivery', 'recipient_track', 'person')",
                    rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    });
            return counts;
        }

        private static long compilingMillis() {
            java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        }

        private static long collectingMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
        }
    }

    /** Samples the heap in use while a run lasts. */
    private static final class HeapWatch {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        HeapWatch() {
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }

    private static void line(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
