package org.aviso.gateway.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signal-cli daemon in HTTP mode ({@code daemon --http --receive-mode=on-connection}), written from
 * {@code shared/contracts/signal-cli.md}: JSON-RPC 2.0 on {@code POST /api/v1/rpc} (errors with HTTP 200, 415 on a
 * wrong Content-Type), Server-Sent Events on {@code GET /api/v1/events} ({@code event:receive} / {@code data:},
 * no ids, a {@code :} keep-alive every 15 s, at most once: an event whose write fails is gone), liveness on
 * {@code GET /api/v1/check}. Events wait while no stream is connected, as with {@code on-connection}.
 */
final class SignalCliStandIn {

    private record Pending(long due, long seq, String json, Ledger.SignalMessage receiptFor) {
    }

    private final int port;
    private final Population population;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "signal-standin");
        t.setDaemon(true);
        return t;
    });
    private final PriorityBlockingQueue<Pending> events = new PriorityBlockingQueue<>(1024,
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong lastTimestamp = new AtomicLong();
    private final Set<String> askedAbout = ConcurrentHashMap.newKeySet();
    private final Set<HttpExchange> streams = ConcurrentHashMap.newKeySet();
    private volatile Ledger ledger = new Ledger();
    private volatile Misbehaviour faults;
    private volatile HttpServer server;

    SignalCliStandIn(int port, Population population, Misbehaviour faults) {
        this.port = port;
        this.population = population;
        this.faults = faults;
    }

    void reset(Ledger ledger, Misbehaviour faults) {
        this.ledger = ledger;
        this.faults = faults;
        events.clear();
    }

    Set<String> askedAbout() {
        return askedAbout;
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        s.createContext("/api/v1/rpc", this::rpc);
        s.createContext("/api/v1/events", this::events);
        s.createContext("/api/v1/check", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s.setExecutor(threads);
        s.start();
        server = s;
    }

    /** An outage: the port refuses connections and open streams end. Events wait on "Signal's server". */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        streams.forEach(HttpExchange::close);
        streams.clear();
    }

    // ---- JSON-RPC

    private void rpc(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode request;
            try {
                request = json.readTree(body);
            } catch (RuntimeException e) {
                answer(exchange, error("null", -32700, "Parse error"));
                return;
            }
            JsonNode idNode = request.get("id");
            String id = idNode == null ? null : json.writeValueAsString(idNode);
            String method = request.path("method").asString("");
            JsonNode params = request.path("params");
            String response = switch (method) {
                case "send" -> send(exchange, id, params);
                case "getUserStatus" -> result(id, userStatus(params));
                case "version" -> result(id, "{\"version\":\"0.14.6\"}");
                case "listGroups", "listIdentities" -> result(id, "[]");
                case "updateProfile", "sendReceipt", "trust", "updateGroup", "quitGroup" -> result(id, "{}");
                default -> error(id, -32601, "Method not implemented");
            };
            if (response == null) {
                return; // the call is held and never answered, or a proxy error was sent
            }
            if (id == null) {
                exchange.sendResponseHeaders(201, -1);
                return;
            }
            answer(exchange, response);
        }
    }

    private String send(HttpExchange exchange, String id, JsonNode params) throws IOException {
        ledger.signalCalls.incrementAndGet();
        Misbehaviour f = faults;
        if (params.has("groupId") || params.has("groupIds")) {
            return error(id, -1, "Group not found: " + params.path("groupId").asString(""));
        }
        List<String> recipients = list(params, "recipient");
        if (recipients.isEmpty()) {
            return error(id, -1, "No recipients given");
        }
        if (f.chance(f.signalHttp503)) {
            ledger.signalFaults.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            return null;
        }
        boolean gatewayTimeout = f.chance(f.signalHttp504);
        if (f.chance(f.signalRateLimitError)) {
            ledger.signalFaults.incrementAndGet();
            return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Failed to send message: [429] Rate limit "
                    + "exceeded: 429 (RateLimitException) (UnexpectedErrorException)\",\"data\":null},\"id\":" + id + "}";
        }
        boolean slow = f.chance(f.signalSlow);
        boolean neverAnswer = !slow && f.chance(f.signalNeverAnswers);
        long timestamp = lastTimestamp.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        List<String> results = new ArrayList<>();
        List<Ledger.SignalMessage> sent = new ArrayList<>();
        int successes = 0;
        for (String r : recipients) {
            String address = "{\"uuid\":" + (population.onSignal(r) ? "\"" + uuidOf(r) + "\"" : "null")
                    + ",\"number\":\"" + r + "\",\"username\":null}";
            if (!population.onSignal(r)) {
                results.add("{\"recipientAddress\":" + address + ",\"type\":\"UNREGISTERED_FAILURE\"}");
            } else if (f.chance(f.signalRecipientRateLimited)) {
                results.add("{\"recipientAddress\":" + address + ",\"type\":\"RATE_LIMIT_FAILURE\",\"retryAfterSeconds\":5}");
            } else {
                results.add("{\"recipientAddress\":" + address + ",\"type\":\"SUCCESS\"}");
                Ledger.SignalMessage m = ledger.signalSent(r, timestamp);
                sent.add(m);
                successes++;
                scheduleReceipts(r, m, f);
            }
        }
        if (slow) {
            sleep(f.between(2_000, 6_000));
        }
        if (neverAnswer) {
            ledger.signalFaults.incrementAndGet();
            sleep(75_000); // longer than any sensible send timeout; then the connection just closes
            return null;
        }
        if (gatewayTimeout) {
            ledger.signalFaults.incrementAndGet();
            exchange.sendResponseHeaders(504, -1);
            return null;
        }
        String payload = "{\"timestamp\":" + timestamp + ",\"results\":[" + String.join(",", results) + "]}";
        String response;
        if (successes > 0) {
            response = result(id, payload);
        } else {
            boolean allLimited = results.stream().allMatch(x -> x.contains("RATE_LIMIT_FAILURE"));
            response = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + (allLimited ? -5 : -1) + ",\"message\":\""
                    + (allLimited ? "Failed to send message due to rate limiting" : "Failed to send message")
                    + "\",\"data\":{\"response\":" + payload + "}},\"id\":" + id + "}";
        }
        answer(exchange, response);
        long now = System.currentTimeMillis();
        sent.forEach(m -> m.answeredAt = now);
        return null;
    }

    private void scheduleReceipts(String number, Ledger.SignalMessage m, Misbehaviour f) {
        if (f.chance(f.receiptMissing)) {
            return;
        }
        long delay = f.chance(f.receiptLate) ? f.between(40_000, 60_000) : f.between(200, 3_000);
        long due = System.currentTimeMillis() + delay;
        String receipt = receiptJson(number, m.timestamp, true, due);
        events.add(new Pending(due, seq.incrementAndGet(), receipt, m));
        if (f.chance(f.receiptTwice)) {
            events.add(new Pending(due + f.between(50, 2_000), seq.incrementAndGet(), receipt, m));
        }
        if (f.chance(0.3)) {
            long read = due + f.between(1_000, 10_000);
            events.add(new Pending(read, seq.incrementAndGet(), receiptJson(number, m.timestamp, false, read), null));
        }
    }

    private String receiptJson(String number, long target, boolean delivery, long when) {
        return "{\"account\":\"" + Population.SIGNAL_ACCOUNT + "\",\"envelope\":{\"source\":\"" + number
                + "\",\"sourceNumber\":\"" + number + "\",\"sourceUuid\":\"" + uuidOf(number)
                + "\",\"sourceName\":null,\"sourceDevice\":1,\"timestamp\":" + when + ",\"serverReceivedTimestamp\":"
                + when + ",\"serverDeliveredTimestamp\":" + when + ",\"receiptMessage\":{\"when\":" + when
                + ",\"isDelivery\":" + delivery + ",\"isRead\":" + !delivery + ",\"isViewed\":false,\"timestamps\":["
                + target + "]}}}";
    }

    private String userStatus(JsonNode params) {
        List<String> out = new ArrayList<>();
        for (String r : list(params, "recipient")) {
            askedAbout.add(r);
            boolean on = population.onSignal(r);
            out.add("{\"recipient\":\"" + r + "\",\"number\":\"" + r + "\",\"uuid\":"
                    + (on ? "\"" + uuidOf(r) + "\"" : "null") + ",\"isRegistered\":" + on + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    // ---- events

    private void events(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        streams.add(exchange);
        Misbehaviour f = faults;
        long dropAt = System.currentTimeMillis() + f.between(f.streamDropEveryMinMs, f.streamDropEveryMaxMs);
        long lastWrite = System.currentTimeMillis();
        try {
            while (streams.contains(exchange)) {
                long now = System.currentTimeMillis();
                if (now >= dropAt) {
                    break; // the stream drops, as streams do
                }
                Pending next = events.peek();
                if (next != null && next.due <= now) {
                    Pending taken = events.poll();
                    if (taken == null) {
                        continue;
                    }
                    if (taken.due > now) {
                        events.add(taken);
                        continue;
                    }
                    try {
                        out.write(("event:receive\ndata:" + taken.json + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException gone) {
                        if (taken.receiptFor != null) {
                            ledger.receiptsLost.incrementAndGet(); // at most once: the event is gone
                        }
                        throw gone;
                    }
                    lastWrite = System.currentTimeMillis();
                    if (taken.receiptFor != null) {
                        ledger.receiptsWritten.incrementAndGet();
                        if (taken.receiptFor.receiptWrittenAt == 0) {
                            taken.receiptFor.receiptWrittenAt = lastWrite;
                        }
                    }
                    continue;
                }
                if (now - lastWrite >= 15_000) {
                    out.write(":\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = now;
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException ended) {
            // the client went away
        } finally {
            streams.remove(exchange);
            exchange.close();
        }
    }

    // ---- helpers

    private static List<String> list(JsonNode params, String singular) {
        List<String> out = new ArrayList<>();
        for (String key : new String[] {singular, singular + "s"}) {
            JsonNode node = params.get(key);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isArray()) {
                node.forEach(n -> out.add(n.asString()));
            } else {
                out.add(node.asString());
            }
        }
        return out;
    }

    private static String uuidOf(String number) {
        return UUID.nameUUIDFromBytes(number.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String result(String id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"result\":" + result + ",\"id\":" + id + "}";
    }

    private static String error(String id, int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"data\":null},\"id\":" + id + "}";
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
