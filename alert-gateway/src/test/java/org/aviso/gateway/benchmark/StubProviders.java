package org.aviso.gateway.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The fastest honest stand-in for signal-cli and Twilio on loopback (an embedded Tomcat with one servlet): every
 * Signal send succeeds for its recipients (echoing numbers, a fresh ACI and a timestamp), every Twilio create
 * answers 201 with a SID, every Alertmanager webhook is counted. Nothing else: it measures Aviso, not a mock
 * framework.
 */
final class StubProviders implements AutoCloseable {

    private static final Pattern RECIPIENTS = Pattern.compile("\"recipients\":\\[([^]]*)]");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final Tomcat tomcat;
    private final int port;
    final AtomicLong signalSends = new AtomicLong();
    final AtomicLong smsSends = new AtomicLong();
    /** Alerts received in Alertmanager webhooks. */
    final AtomicLong webhookAlerts = new AtomicLong();
    private final AtomicLong timestamps = new AtomicLong(1_752_400_000_000L);
    /** When each message arrived, per sending account or service: the provider's view of a sender's pace. */
    final java.util.Map<String, java.util.Queue<Long>> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern ACCOUNT = Pattern.compile("\"account\":\"([^\"]+)\"");
    private static final Pattern SERVICE = Pattern.compile("MessagingServiceSid=([A-Za-z0-9]+)");

    private void arrived(String sender, int messages) {
        long now = System.nanoTime();
        java.util.Queue<Long> queue = arrivals.computeIfAbsent(sender, k -> new java.util.concurrent.ConcurrentLinkedQueue<>());
        for (int i = 0; i < messages; i++) {
            queue.add(now);
        }
    }

    StubProviders(int threads) throws IOException, LifecycleException {
        File base = Files.createTempDirectory("aviso-stub").toFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", String.valueOf(threads));
        connector.setProperty("maxKeepAliveRequests", "-1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "stub", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String path = request.getRequestURI();
                if (path.equals("/api/v1/rpc")) {
                    rpc(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8), response);
                } else if (path.equals("/api/v1/events")) {
                    answer(response, 200, "text/event-stream", ":\n\n");
                } else if (path.startsWith("/2010-04-01/")) {
                    String form = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    Matcher service = SERVICE.matcher(form);
                    arrived(service.find() ? service.group(1) : "sms", 1);
                    smsSends.incrementAndGet();
                    answer(response, 201, "application/json", "{\"sid\":\"SM" + UUID.randomUUID().toString()
                            .replace("-", "") + "\",\"status\":\"accepted\"}");
                } else if (path.equals("/alertmanager")) {
                    // a webhook from Prometheus Alertmanager, for the comparison: one alert is one delivery
                    String payload = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    webhookAlerts.addAndGet(occurrences(payload, "\"fingerprint\""));
                    answer(response, 200, "text/plain", "");
                } else {
                    answer(response, 200, "text/plain", "");
                }
            }
        });
        context.addServletMappingDecoded("/*", "stub");
        tomcat.start();
        port = connector.getLocalPort();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    private void rpc(String body, HttpServletResponse response) throws IOException {
        Matcher id = ID.matcher(body);
        String requestId = id.find() ? id.group(1) : "1";
        if (!body.contains("\"method\":\"send\"")) {
            answer(response, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":\"" + requestId + "\"}");
            return;
        }
        Matcher recipients = RECIPIENTS.matcher(body);
        Matcher account = ACCOUNT.matcher(body);
        String sender = account.find() ? account.group(1) : "signal";
        StringBuilder results = new StringBuilder();
        if (recipients.find()) {
            String[] all = recipients.group(1).split(",");
            arrived(sender, all.length);
            for (String quoted : all) {
                String number = quoted.strip().replace("\"", "");
                if (results.length() > 0) {
                    results.append(',');
                }
                results.append("{\"recipientAddress\":{\"uuid\":\"").append(aci(number)).append("\",\"number\":\"")
                        .append(number).append("\",\"username\":null},\"type\":\"SUCCESS\"}");
                signalSends.incrementAndGet();
            }
        }
        answer(response, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":"
                + timestamps.incrementAndGet() + ",\"results\":[" + results + "]},\"id\":\"" + requestId + "\"}");
    }

    /**
     * The Signal account (ACI) of a number: the same every time, as a real account's is (this stub once answered
     * a fresh one per send, so every send looked like a new account and was written to the person again).
     */
    static String aci(String number) {
        return UUID.nameUUIDFromBytes(("signal-account:" + number).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    private static void answer(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
