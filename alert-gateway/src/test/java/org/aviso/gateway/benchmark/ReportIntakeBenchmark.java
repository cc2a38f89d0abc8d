package org.aviso.gateway.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.aviso.core.common.Language;
import org.aviso.core.common.NetworkId;
import org.aviso.core.common.PersonId;
import org.aviso.core.common.PhoneNumber;
import org.aviso.core.tree.ContactPoint;
import org.aviso.core.tree.Person;
import org.aviso.core.tree.Role;
import org.aviso.gateway.security.AvisoPrincipal;
import org.aviso.gateway.security.AvisoRole;
import org.aviso.gateway.security.Devices;
import org.aviso.gateway.security.UserAccounts;
import org.aviso.gateway.tree.PersonDetails;
import org.aviso.gateway.tree.TreeStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prints how the phone form takes a flood of reports: enrolled phones post the form (SALUTE choices and a short
 * text, as a browser sends it) at a fixed offered rate, and each post's latency is measured from the moment it was
 * due, not from when the client got round to it, so a slow server cannot hide its queue (no coordinated omission).
 * Each accepted post has stored the encrypted report and started paging the on-call dispatcher, whose page goes out
 * to the stub Signal provider while the flood goes on. The client runs on the same 2 cores as the server and the
 * database. Run with {@code -Pbenchmark}; it asserts nothing: it reports.
 */
@Tag("benchmark")
class ReportIntakeBenchmark {

    private static final int PHONES = 1_000;
    private static final int FAMILIES = 5_000;
    private static final String CSRF = "bench-csrf-token";

    @Test
    void reportIntake() throws Exception {
        Path data = Files.createTempDirectory("aviso-intake");
        try (StubProviders stub = new StubProviders(8); BenchmarkDatabase durable = new BenchmarkDatabase(data);
                ConfigurableApplicationContext node = BenchmarkDatabase.node(durable.create("intake"), data, stub,
                        "1000000", "1000000")) {
            int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
            List<String> phones = enrollPhones(node, PHONES);
            line("database durability, as the server reports it: %s", durable.durability());
            line("Aviso report-intake benchmark: %d cores, max heap %d MB, Java %s; %,d enrolled phones (each may post "
                    + "20 a minute), %,d people in the network", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"), PHONES,
                    FAMILIES + 3);
            ExecutorService callbacks = Executors.newFixedThreadPool(4);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Flood flood = new Flood(client, "http://127.0.0.1:" + port + "/report", phones);
            flood.run("warm-up (a long-running server is warm)", 500, Duration.ofSeconds(10));
            flood.run("half the target", 250, Duration.ofSeconds(20));
            flood.run("the target", 500, Duration.ofSeconds(20));
            flood.run("above the target", 750, Duration.ofSeconds(10));
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            line("stored reports: %,d (accepted posts: %,d); escalations started: %,d",
                    jdbc.queryForObject("select count(*) from report", Long.class), flood.accepted,
                    jdbc.queryForObject("select count(*) from escalation", Long.class));
            callbacks.shutdownNow();
        }
    }

    /**
     * A network of {@code FAMILIES} people at one school (so that anything a report does per person of the network
     * shows), one on-call dispatcher, and {@code count} enrolled phones of the school's site contact.
     */
    private static List<String> enrollPhones(ConfigurableApplicationContext node, int count) {
        TreeStore tree = node.getBean(TreeStore.class);
        Devices devices = node.getBean(Devices.class);
        BulkPopulation school = BulkPopulation.create(node, "Intake", FAMILIES, 0, 0.1);
        NetworkId network = school.network();
        tree.savePerson(new PersonDetails(new Person(PersonId.random(), network, Set.of(Role.DISPATCHER),
                Language.ENGLISH, ContactPoint.onSignal(new PhoneNumber("+15557000001")), Optional.empty()),
                Optional.empty(), Optional.of("On call"), true));
        PersonId contact = PersonId.random();
        tree.savePerson(new PersonDetails(new Person(contact, network, Set.of(Role.SITE_CONTACT), Language.SPANISH,
                ContactPoint.onSignal(new PhoneNumber("+15557000002")), Optional.empty()),
                Optional.of(school.site()), Optional.of("Site contact"), false));
        UserAccounts.NewAccount account = node.getBean(UserAccounts.class).create(network.value(), null,
                AvisoRole.ADMINISTRATOR, "intake-admin");
        AvisoPrincipal admin = new AvisoPrincipal(AvisoPrincipal.Kind.USER, account.id(), network.value(),
                AvisoRole.ADMINISTRATOR, null, null);
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Devices.Enrollment enrollment = devices.createEnrollment(admin, contact.value(), school.site().value());
            credentials.add(devices.enroll(enrollment.code().value(), "bench phone " + i).orElseThrow().credential());
        }
        return credentials;
    }

    /** Posts the form at a fixed rate, each from the next phone in turn. */
    private static final class Flood {

        private final HttpClient client;
        private final URI form;
        private final List<String> phones;
        private int next;
        long accepted;

        Flood(HttpClient client, String form, List<String> phones) {
            this.client = client;
            this.form = URI.create(form);
            this.phones = phones;
        }

        void run(String label, int perSecond, Duration duration) throws InterruptedException {
            int total = (int) (perSecond * duration.toSeconds());
            long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long[] latencies = new long[total];
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(total);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                client.sendAsync(post(phones.get(next++ % phones.size()), i), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            latencies[index] = System.nanoTime() - due;
                            String outcome = failure != null ? failure.getClass().getSimpleName()
                                    : response.statusCode() == 302 ? "accepted (302 to the status page)"
                                    : "HTTP " + response.statusCode();
                            outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
                            done.countDown();
                        });
            }
            long sent = System.nanoTime();
            boolean finished = done.await(2, TimeUnit.MINUTES);
            long end = System.nanoTime();
            if (!finished) {
                line("  %s, %d posts/s offered: not all answered within 2 minutes", label, perSecond);
                return;
            }
            Arrays.sort(latencies);
            int acceptedNow = outcomes.getOrDefault("accepted (302 to the status page)", new AtomicInteger()).get();
            accepted += acceptedNow;
            int refused = outcomes.entrySet().stream().filter(e -> e.getKey().matches("HTTP 4\\d\\d"))
                    .mapToInt(e -> e.getValue().get()).sum();
            int errors = total - acceptedNow - refused;
            double seconds = (end - start) / 1e9;
            line("  %s: %,d posts offered at %d/s over %d s; after %.1f s: %,d accepted = %,.0f accepted posts/s, "
                    + "%,d refused (4xx), %,d errors (5xx or no answer); latency from when each was due (all "
                    + "answers): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; %s", label, total, perSecond,
                    duration.toSeconds(), seconds, acceptedNow, acceptedNow / seconds, refused, errors,
                    ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[total - 1] / 1e6,
                    new TreeMap<>(outcomes));
            if (sent - start > duration.toNanos() + TimeUnit.SECONDS.toNanos(1)) {
                line("    (the client fell behind its schedule by %.1f s: the offered rate was not reached)",
                        (sent - start - duration.toNanos()) / 1e9);
            }
        }

        private HttpRequest post(String phone, int i) {
            String body = "_csrf=" + CSRF + "&size=TWO_TO_FIVE&activity=WAITING_OR_PARKED&location=PARKING_LOT"
                    + "&agency=UNKNOWN&time=NOW&equipment=UNKNOWN&text=Two+unmarked+cars+by+the+gate+" + i;
            return HttpRequest.newBuilder(form).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "AVISO_DEVICE=" + phone + "; XSRF-TOKEN=" + CSRF)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private static double ms(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    private static void line(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
