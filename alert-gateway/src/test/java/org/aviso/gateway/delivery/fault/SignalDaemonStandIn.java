package org.aviso.gateway.delivery.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * signal-cli's HTTP daemon as contracts/signal-cli.md describes it, written from the contract: JSON-RPC on
 * {@code /api/v1/rpc} ({@code send} answers each recipient SUCCESS with a stable ACI and one timestamp per call),
 * the Server-Sent Events stream on {@code /api/v1/events} (chunked, headers flushed at once, {@code event:receive}
 * then {@code data:} then a blank line, no ids, no replay), and {@code /api/v1/check}. Its sends can be made to
 * hang or to answer late, and its event stream to be held without an answer, answered late, fall silent, stop
 * mid-event or end.
 */
final class SignalDaemonStandIn extends RawHttpServer {

    /** How a send is met; RATE_LIMITED_LATE holds the call, then refuses it as signal-cli does a 429 (nothing sent). */
    enum Sends { ANSWER, NEVER_ANSWER, ANSWER_LATE, RATE_LIMITED_LATE }

    /** How a new event-stream connection is met: headers at once, never (the connection is held), or late. */
    enum Events { ANSWER, NEVER_ANSWER, ANSWER_LATE }

    /** A send that reached the daemon: who, and the timestamp it answered (or would have answered) with. */
    record Send(String recipient, long timestamp) {
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    private volatile Sends sends = Sends.ANSWER;
    private volatile Duration lateBy = Duration.ZERO;
    private final List<Send> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> aciByNumber = new ConcurrentHashMap<>();
    private final AtomicLong timestamps = new AtomicLong(1_752_400_000_000L);
    private final AtomicInteger eventConnections = new AtomicInteger();
    private final AtomicInteger answeredEventConnections = new AtomicInteger();
    private volatile Events events = Events.ANSWER;
    private volatile Duration eventsLateBy = Duration.ZERO;
    private volatile EventStream current;

    SignalDaemonStandIn(int port) {
        super(port);
    }

    void sends(Sends behaviour, Duration late) {
        this.sends = behaviour;
        this.lateBy = late;
    }

    void events(Events behaviour, Duration late) {
        this.events = behaviour;
        this.eventsLateBy = late;
    }

    /** Whether a listener holds an answered event stream that neither side has closed. */
    boolean listening() {
        EventStream stream = current;
        return stream != null && !stream.socket.isClosed();
    }

    /** Event-stream connections whose headers were sent: receipts written now reach the listener. */
    int answeredEventConnections() {
        return answeredEventConnections.get();
    }

    List<Send> received() {
        return List.copyOf(received);
    }

    long sendsTo(String number) {
        return received.stream().filter(s -> s.recipient().equals(number)).count();
    }

    int eventConnections() {
        return eventConnections.get();
    }

    /** A delivery receipt from {@code number}'s phone for the message signal-cli sent at {@code timestamp}. */
    void deliveryReceipt(String number, long timestamp) throws IOException {
        events().write(receiptEvent(number, timestamp));
    }

    /** Writes the first half of a receipt event, then the connection breaks: the event is lost (at most once). */
    void cutMidEvent(String number, long timestamp) throws IOException {
        String event = receiptEvent(number, timestamp);
        EventStream stream = events();
        stream.writeChunk(event.substring(0, event.length() / 2));
        stream.socket.close();
    }

    /** The daemon ends the stream, as when it restarts. */
    void endStream() throws IOException {
        EventStream stream = events();
        stream.out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        stream.out.flush();
        stream.socket.close();
    }

    private EventStream events() {
        EventStream stream = current;
        if (stream == null) {
            throw new IllegalStateException("nobody is listening to the event stream");
        }
        return stream;
    }

    private String receiptEvent(String number, long timestamp) {
        long when = timestamp + 2_000;
        return "event:receive\ndata:{\"account\":\"" + GatewayNode.SIGNAL_ACCOUNT + "\",\"envelope\":{\"source\":\""
                + number + "\",\"sourceNumber\":\"" + number + "\",\"sourceUuid\":\"" + aci(number)
                + "\",\"sourceDevice\":1,\"timestamp\":" + when + ",\"serverReceivedTimestamp\":" + (when + 40)
                + ",\"serverDeliveredTimestamp\":" + (when + 90) + ",\"receiptMessage\":{\"when\":" + when
                + ",\"isDelivery\":true,\"isRead\":false,\"isViewed\":false,\"timestamps\":[" + timestamp + "]}}}\n\n";
    }

    private String aci(String number) {
        return aciByNumber.computeIfAbsent(number, n -> UUID.randomUUID().toString());
    }

    @Override
    void handle(Exchange exchange) throws IOException, InterruptedException {
        Request request = exchange.request();
        if (request.method().equals("GET") && request.path().startsWith("/api/v1/events")) {
            eventConnections.incrementAndGet();
            switch (events) {
                case NEVER_ANSWER -> {
                    exchange.neverAnswer(); // connection accepted, request read, not a byte back
                    return;
                }
                case ANSWER_LATE -> Thread.sleep(eventsLateBy.toMillis());
                default -> {
                }
            }
            EventStream stream = new EventStream(exchange.socket(), exchange.out());
            stream.out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            stream.out.flush();
            current = stream;
            answeredEventConnections.incrementAndGet();
            exchange.neverAnswer(); // the stream stays open until one side closes it
            if (current == stream) {
                current = null; // the listener went away
            }
            return;
        }
        if (request.method().equals("GET") && request.path().equals("/api/v1/check")) {
            exchange.answer(200, "text/plain", "");
            return;
        }
        JsonNode rpc = JSON.readTree(request.body());
        String id = rpc.path("id").asString();
        String method = rpc.path("method").asString();
        if (method.equals("version")) {
            exchange.answer(200, "application/json", "{\"jsonrpc\":\"2.0\",\"result\":{\"version\":\"0.14.6\"},\"id\":\""
                    + id + "\"}");
            return;
        }
        if (!method.equals("send")) {
            exchange.answer(200, "application/json", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":"
                    + "\"Method not implemented\",\"data\":null},\"id\":\"" + id + "\"}");
            return;
        }
        if (sends == Sends.RATE_LIMITED_LATE) {
            Thread.sleep(lateBy.toMillis());
            exchange.answer(200, "application/json", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":"
                    + "\"Failed to send message: [429] Rate limit exceeded: 429 (RateLimitException) "
                    + "(UnexpectedErrorException)\",\"data\":null},\"id\":\"" + id + "\"}");
            return;
        }
        long timestamp = timestamps.incrementAndGet();
        StringBuilder results = new StringBuilder();
        for (JsonNode recipient : rpc.path("params").path("recipients")) {
            received.add(new Send(recipient.asString(), timestamp));
            results.append(results.isEmpty() ? "" : ",").append("{\"recipientAddress\":{\"uuid\":\"")
                    .append(aci(recipient.asString())).append("\",\"number\":\"").append(recipient.asString())
                    .append("\",\"username\":null},\"type\":\"SUCCESS\"}");
        }
        String answer = "{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":" + timestamp + ",\"results\":[" + results
                + "]},\"id\":\"" + id + "\"}";
        switch (sends) {
            case NEVER_ANSWER -> exchange.neverAnswer();
            case ANSWER_LATE -> {
                Thread.sleep(lateBy.toMillis());
                exchange.answer(200, "application/json", answer);
            }
            default -> exchange.answer(200, "application/json", answer);
        }
    }

    /** One listener's event stream: each write is one chunk. */
    private static final class EventStream {
        final Socket socket;
        final OutputStream out;

        EventStream(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        synchronized void write(String event) throws IOException {
            writeChunk(event);
        }

        synchronized void writeChunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
