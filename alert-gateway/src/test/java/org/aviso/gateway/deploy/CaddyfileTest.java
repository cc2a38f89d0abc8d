package org.aviso.gateway.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/caddy/Caddyfile, checked by Caddy itself: {@code caddy validate} and {@code caddy adapt} accept it without
 * a warning; the configuration Caddy adapts it to keeps the metrics private; and the real Caddy, running that same
 * configuration on loopback in front of a stand-in for Aviso, answers the requests an outsider could send.
 */
class CaddyfileTest {

    static final Path CADDYFILE = DeployFiles.DEPLOY.resolve("caddy/Caddyfile");

    @TempDir
    static Path home;
    static HttpServer aviso;
    static final List<String> reachedAviso = new CopyOnWriteArrayList<>();
    static final Map<String, String> lastForwardedHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    static Process caddy;
    static int caddyPort;

    @BeforeAll
    static void caddyInFrontOfAStandInForAviso() throws Exception {
        aviso = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aviso.createContext("/", exchange -> {
            reachedAviso.add(exchange.getRequestURI().getRawPath());
            lastForwardedHeaders.clear();
            for (String name : List.of("X-Forwarded-For", "Forwarded")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    lastForwardedHeaders.put(name, value);
                }
            }
            byte[] body = "from aviso".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server", "stand-in");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aviso.start();

        JsonNode adapted = adapt(Map.of("AVISO_UPSTREAM", "127.0.0.1:" + aviso.getAddress().getPort()));
        caddyPort = freePort();
        Path config = home.resolve("loopback.json");
        Files.writeString(config, JsonMapper.shared().writeValueAsString(onLoopback(adapted, caddyPort)));
        ProcessBuilder run = new ProcessBuilder("caddy", "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("caddy.log").toFile());
        run.environment().putAll(caddyHome());
        caddy = run.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listening(caddyPort)) {
            assertThat(caddy.isAlive()).as("caddy is running: " + Files.readString(home.resolve("caddy.log"))).isTrue();
            assertThat(System.nanoTime()).as("caddy listens within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (caddy != null) {
            caddy.destroy();
            caddy.waitFor();
        }
        if (aviso != null) {
            aviso.stop(0);
        }
    }

    @Test
    void caddyValidatesTheCaddyfile() {
        Tool validate = caddy("validate", "--config", CADDYFILE.toString(), "--adapter", "caddyfile");

        assertThat(validate.exitCode()).as(validate.said()).isZero();
        assertThat(validate.out() + validate.err()).contains("Valid configuration");
    }

    @Test
    void caddyAdaptsItWithoutAWarning() {
        Tool adapt = caddy("adapt", "--config", CADDYFILE.toString(), "--adapter", "caddyfile");

        assertThat(adapt.exitCode()).as(adapt.said()).isZero();
        assertThat(adapt.err()).as("caddy adapt's warnings").doesNotContainIgnoringCase("warn");
    }

    @Test
    void theAdaptedConfigurationAnswersTheActuatorItselfAndProxiesTheRestToAvisoOnLoopback() {
        JsonNode server = adapt(Map.of()).path("apps").path("http").path("servers").path("srv0");
        JsonNode site = server.path("routes").get(0);
        assertThat(site.path("match").get(0).path("host").get(0).asString()).isEqualTo("alerts.example.org");
        JsonNode routes = site.path("handle").get(0).path("routes");

        JsonNode actuator = routeMatching(routes, "/actuator/*");
        assertThat(actuator.path("match").get(0).path("path")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("/actuator", "/actuator/*");
        assertThat(actuator.path("match").get(0).path("not").get(0).path("path")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("/actuator/health", "/actuator/health/*");
        assertThat(actuator.toString()).contains("\"status_code\":404").doesNotContain("reverse_proxy");
        assertThat(routes.toString()).contains("\"dial\":\"127.0.0.1:8080\"").contains("\"max_size\":12000000");
        assertThat(server.has("logs")).as("an access log (visitors' addresses on disk)").isFalse();
    }

    @Test
    void metricsAndTheOtherActuatorEndpointsNeverReachAviso() throws Exception {
        List<String> attempts = List.of("/actuator/prometheus", "/actuator", "/actuator/", "/actuator/env",
                "/ACTUATOR/prometheus", "//actuator/prometheus", "/./actuator/prometheus", "/actuator/%70rometheus",
                "/%61ctuator/prometheus", "/actuator/prometheus/", "/actuator/health/../prometheus",
                "/actuator/health/%2e%2e/prometheus", "/actuator;x/prometheus", "/actuator/health/..;/prometheus",
                "/actuator/health/..%3B/prometheus", "/actuator/health;/../prometheus");
        for (String path : attempts) {
            int status = get(path).status();
            assertThat(status).as(path).isIn(400, 404);
        }

        assertThat(reachedAviso).as("requests that reached Aviso").noneMatch(p -> p.contains("ctuator")
                && !p.matches("/actuator/health(/[a-z]+)?"));
    }

    @Test
    void healthChecksAndPagesReachAvisoWithTheSecurityHeaders() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/", "/v/ABCD2345")) {
            Answer answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.head()).as(path).containsIgnoringCase("Strict-Transport-Security: max-age=31536000")
                    .containsIgnoringCase("X-Frame-Options: DENY").containsIgnoringCase("Referrer-Policy: no-referrer")
                    .containsIgnoringCase("X-Content-Type-Options: nosniff").doesNotContainIgnoringCase("Server:");
        }
        assertThat(reachedAviso).contains("/actuator/health", "/actuator/health/readiness", "/v/ABCD2345");
    }

    @Test
    void aVisitorsForwardedHeadersAreReplacedByTheAddressCaddySees() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", caddyPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /v/ABCD2345 HTTP/1.1\r\nHost: alerts.example.org\r\n"
                    + "X-Forwarded-For: 198.51.100.7\r\nForwarded: for=198.51.100.8;proto=https\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getInputStream().readAllBytes();
        }

        assertThat(lastForwardedHeaders).containsExactly(Map.entry("X-Forwarded-For", "127.0.0.1"));
    }

    /** Caddy keeps certificates and state under these: a scratch folder, never the user's own. */
    private static Map<String, String> caddyHome() {
        return caddyHome(home);
    }

    static Map<String, String> caddyHome(Path home) {
        return Map.of("HOME", home.toString(), "XDG_DATA_HOME", home.toString(), "XDG_CONFIG_HOME", home.toString());
    }

    private static Tool caddy(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "caddy";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Map<String, String> env = new java.util.HashMap<>(caddyHome());
        env.put("AVISO_UPSTREAM", null);
        return Tool.run(env, command);
    }

    /** The JSON Caddy adapts the Caddyfile to; without AVISO_UPSTREAM unless given. */
    private static JsonNode adapt(Map<String, String> environment) {
        return adapt(home, environment);
    }

    static JsonNode adapt(Path home, Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(caddyHome(home));
        env.put("AVISO_UPSTREAM", null);
        env.putAll(environment);
        Tool adapt = Tool.run(env, "caddy", "adapt", "--config", CADDYFILE.toString(), "--adapter", "caddyfile");
        assertThat(adapt.exitCode()).as(adapt.said()).isZero();
        return JsonMapper.shared().readTree(adapt.out());
    }

    /**
     * The adapted configuration as it is, except where it would listen: plain HTTP on a loopback port instead of
     * HTTPS for alerts.example.org, no certificates, and no admin endpoint (another run could hold its port).
     */
    static JsonNode onLoopback(JsonNode adapted, int port) {
        ObjectNode config = (ObjectNode) adapted.deepCopy();
        ObjectNode server = (ObjectNode) config.path("apps").path("http").path("servers").path("srv0");
        server.putArray("listen").add("127.0.0.1:" + port);
        server.putObject("automatic_https").put("disable", true);
        for (JsonNode route : server.path("routes")) {
            ((ObjectNode) route).remove("match");
        }
        ((ObjectNode) config.path("apps")).remove("tls");
        config.putObject("admin").put("disabled", true);
        return config;
    }

    private static JsonNode routeMatching(JsonNode routes, String path) {
        for (JsonNode route : routes) {
            if (route.path("match").toString().contains("\"" + path + "\"")) {
                return route;
            }
        }
        throw new AssertionError("no route matches " + path + " in " + routes);
    }

    record Answer(int status, String head) {
    }

    /** A raw request, so that the path goes out exactly as written (no client tidies it first). */
    private static Answer get(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", caddyPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: alerts.example.org\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = answer.split("\r\n\r\n", 2)[0];
            return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
