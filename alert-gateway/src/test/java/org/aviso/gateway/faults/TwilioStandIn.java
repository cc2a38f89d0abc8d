package org.aviso.gateway.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's Messages API, written from {@code shared/contracts/twilio.md}: {@code POST
 * /2010-04-01/Accounts/{Sid}/Messages.json} (form body, HTTP Basic, 201 with the message JSON; errors as
 * {@code {code,message,more_info,status}}: 20003/401, 20429/429, 21211, 21610 and 21614 as 400, 500 and 503), the
 * Messages list filtered by {@code To} and the message fetch, and status callbacks posted to
 * {@code StatusCallback}, form-encoded and signed with {@code X-Twilio-Signature} (HMAC-SHA1 with the auth token
 * over the URL and the sorted parameters, Base64).
 */
final class TwilioStandIn {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "fault-suite-auth-token-0123456789";

    private record Stored(String sid, String to, String from, String body, ZonedDateTime created, String status) {
    }

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private final int port;
    private final Population population;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "twilio-standin");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "twilio-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final AtomicLong sids = new AtomicLong();
    private volatile Ledger ledger = new Ledger();
    private volatile Misbehaviour faults;
    private volatile HttpServer server;

    TwilioStandIn(int port, Population population, Misbehaviour faults) {
        this.port = port;
        this.population = population;
        this.faults = faults;
    }

    void reset(Ledger ledger, Misbehaviour faults) {
        this.ledger = ledger;
        this.faults = faults;
        messages.clear();
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        s.createContext("/2010-04-01/Accounts/", this::api);
        s.setExecutor(threads);
        s.start();
        server = s;
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 20003, "Authenticate");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String base = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages";
            if (path.equals(base + ".json") && "POST".equals(exchange.getRequestMethod())) {
                create(exchange);
            } else if (path.equals(base + ".json") && "GET".equals(exchange.getRequestMethod())) {
                list(exchange);
            } else if (path.startsWith(base + "/") && path.endsWith(".json") && "GET".equals(exchange.getRequestMethod())) {
                Stored m = messages.get(path.substring(base.length() + 1, path.length() - 5));
                if (m == null) {
                    error(exchange, 404, 20404, "The requested resource was not found");
                } else {
                    send(exchange, 200, messageJson(m));
                }
            } else {
                error(exchange, 404, 20404, "The requested resource was not found");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        ledger.smsCalls.incrementAndGet();
        Map<String, String> form;
        try (InputStream in = exchange.getRequestBody()) {
            form = parseForm(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String to = form.getOrDefault("To", "");
        Misbehaviour f = faults;
        if (f.chance(f.twilio429)) {
            ledger.smsFaults.incrementAndGet();
            error(exchange, 429, 20429, "Too Many Requests");
            return;
        }
        if (f.chance(f.twilio500)) {
            ledger.smsFaults.incrementAndGet();
            error(exchange, 500, 20500, "Internal Server Error");
            return;
        }
        if (f.chance(f.twilio503)) {
            ledger.smsFaults.incrementAndGet();
            error(exchange, 503, 20503, "Service Unavailable");
            return;
        }
        switch (population.smsRefusal(to)) {
            case 21211 -> {
                error(exchange, 400, 21211, "The 'To' number " + to + " is not a valid phone number.");
                return;
            }
            case 21610 -> {
                error(exchange, 400, 21610, "Attempt to send to unsubscribed recipient");
                return;
            }
            case 21614 -> {
                error(exchange, 400, 21614, "'To' number is not a valid mobile number");
                return;
            }
            default -> {
            }
        }
        String sid = String.format("SM%032x", sids.incrementAndGet() + System.nanoTime() * 1000);
        Stored m = new Stored(sid, to, form.getOrDefault("From", Population.SMS_FROM), form.getOrDefault("Body", ""),
                ZonedDateTime.now(ZoneOffset.UTC), "queued");
        messages.put(sid, m);
        Ledger.Sms accepted = ledger.smsSent(to, sid);
        String callback = form.get("StatusCallback");
        if (callback != null && !callback.isBlank()) {
            scheduleCallbacks(callback, m, f);
        }
        if (f.chance(f.twilioSlow)) {
            sleep(f.between(2_000, 6_000));
        } else if (f.chance(f.twilioNeverAnswers)) {
            ledger.smsFaults.incrementAndGet();
            sleep(25_000); // past the client's read timeout; then the connection closes with no answer
            return;
        }
        send(exchange, 201, messageJson(m));
        accepted.answeredAt = System.currentTimeMillis();
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        String to = query.get("To");
        List<String> found = new ArrayList<>();
        for (Stored m : messages.values()) {
            if (to == null || to.equals(m.to())) {
                found.add(messageJson(m));
            }
        }
        String uri = exchange.getRequestURI().toString();
        send(exchange, 200, "{\"messages\":[" + String.join(",", found) + "],\"end\":" + Math.max(0, found.size() - 1)
                + ",\"first_page_uri\":\"" + uri + "\",\"next_page_uri\":null,\"page\":0,\"page_size\":"
                + Math.max(50, found.size()) + ",\"previous_page_uri\":null,\"start\":0,\"uri\":\"" + uri + "\"}");
    }

    private void scheduleCallbacks(String url, Stored m, Misbehaviour f) {
        if (f.chance(f.callbacksMissing)) {
            return;
        }
        long sent = f.between(200, 1_000);
        long delivered = sent + f.between(500, 3_000);
        if (f.chance(f.callbacksLate)) {
            delivered = f.between(40_000, 60_000);
        } else if (f.chance(f.callbacksReordered)) {
            long swap = sent;
            sent = delivered;
            delivered = swap;
        }
        int times = f.chance(f.callbacksTwice) ? 2 : 1;
        for (int i = 0; i < times; i++) {
            long extra = i * f.between(100, 3_000);
            callbacks.schedule(() -> post(url, m, "sent"), sent + extra, TimeUnit.MILLISECONDS);
            callbacks.schedule(() -> post(url, m, "delivered"), delivered + extra, TimeUnit.MILLISECONDS);
        }
    }

    private void post(String url, Stored m, String status) {
        Map<String, String> params = new TreeMap<>();
        params.put("MessageSid", m.sid());
        params.put("SmsSid", m.sid());
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", m.from());
        params.put("To", m.to());
        params.put("ApiVersion", "2010-04-01");
        if ("delivered".equals(status)) {
            params.put("RawDlrDoneDate", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyMMddHHmm")));
        }
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature(AUTH_TOKEN, url, params))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            ledger.callbacksPosted.incrementAndGet();
        } catch (IOException | InterruptedException | RuntimeException unreachable) {
            // Twilio gives up on a callback nobody answers (rc=1 by default)
        }
    }

    static String signature(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String messageJson(Stored m) {
        String date = m.created().format(RFC_2822);
        return "{\"sid\":\"" + m.sid() + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"api_version\":\"2010-04-01\","
                + "\"body\":\"\",\"num_segments\":\"1\",\"num_media\":\"0\",\"direction\":\"outbound-api\",\"from\":\""
                + m.from() + "\",\"to\":\"" + m.to() + "\",\"messaging_service_sid\":null,\"status\":\"" + m.status()
                + "\",\"error_code\":null,\"error_message\":null,\"price\":null,\"price_unit\":\"USD\",\"date_created\":\""
                + date + "\",\"date_updated\":\"" + date + "\",\"date_sent\":\"" + date + "\",\"uri\":\"/2010-04-01/Accounts/"
                + ACCOUNT_SID + "/Messages/" + m.sid() + ".json\",\"subresource_uris\":{}}";
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        send(exchange, status, "{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'")
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
