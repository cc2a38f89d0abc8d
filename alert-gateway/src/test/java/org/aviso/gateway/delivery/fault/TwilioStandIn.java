package org.aviso.gateway.delivery.fault;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twilio's Messages API as contracts/twilio.md describes it: {@code POST .../Messages.json} with a form body
 * answers 201 with the message's SID, and {@code GET .../Messages.json?To=...} lists what it holds for a
 * number (newest first). It can accept the connection and never answer (keeping the message or not), or answer
 * late.
 */
final class TwilioStandIn extends RawHttpServer {

    /**
     * How a create call is met: answered, never answered (the message is kept: Twilio got it and hung), answered
     * late, or lost (never answered and nothing kept: the request died before Twilio stored it).
     */
    enum Answers { ANSWER, NEVER_ANSWER, ANSWER_LATE, LOST, UNAVAILABLE }

    private volatile Answers answers = Answers.ANSWER;
    // numbers whose create calls are answered 429 (Twilio error 20429) whatever the other answers are
    private final java.util.Set<String> rateLimited = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Duration lateBy = Duration.ZERO;
    private final List<String> recipients = new CopyOnWriteArrayList<>();

    TwilioStandIn() {
        super(0);
    }

    void answers(Answers behaviour, Duration late) {
        this.answers = behaviour;
        this.lateBy = late;
    }

    /** Create calls to these numbers are answered 429 "Too Many Requests" (nothing created) until cleared. */
    void rateLimit(java.util.Collection<String> numbers) {
        rateLimited.clear();
        rateLimited.addAll(numbers);
    }

    /** Numbers of every create-message request that reached it, whatever it answered. */
    List<String> recipients() {
        return List.copyOf(recipients);
    }

    long messagesTo(String number) {
        return recipients.stream().filter(number::equals).count();
    }

    /** Messages Twilio holds for {@code number}: what the person gets, whatever the create calls were answered. */
    long heldFor(String number) {
        return held.stream().filter(m -> number.equals(m.to())).count();
    }

    /** A message Twilio holds, as its Messages list shows it. */
    record Held(String sid, String to, String body, java.time.Instant created) {
    }

    private final List<Held> held = new CopyOnWriteArrayList<>();

    @Override
    void handle(Exchange exchange) throws IOException, InterruptedException {
        Request request = exchange.request();
        if (request.method().equals("GET") && request.path().contains("/Messages.json")) {
            list(exchange, request.path());
            return;
        }
        if (!request.method().equals("POST") || !request.path().endsWith("/Messages.json")) {
            exchange.answer(404, "application/json", "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
            return;
        }
        String to = null;
        String body = "";
        for (String field : request.body().split("&")) {
            if (field.startsWith("To=")) {
                to = URLDecoder.decode(field.substring(3), StandardCharsets.UTF_8);
                recipients.add(to);
            } else if (field.startsWith("Body=")) {
                body = URLDecoder.decode(field.substring(5), StandardCharsets.UTF_8);
            }
        }
        if (answers == Answers.UNAVAILABLE) {
            // Twilio's own outage answer: nothing was created
            exchange.answer(503, "application/json",
                    "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}");
            return;
        }
        if (to != null && rateLimited.contains(to)) {
            exchange.answer(429, "application/json",
                    "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}");
            return;
        }
        if (answers == Answers.LOST) {
            exchange.neverAnswer();
            return;
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        held.add(new Held(sid, to, body, java.time.Instant.now()));
        String answer = "{\"sid\":\"" + sid + "\",\"status\":\"accepted\",\"num_segments\":\"1\"}";
        switch (answers) {
            case NEVER_ANSWER -> exchange.neverAnswer();
            case ANSWER_LATE -> {
                Thread.sleep(lateBy.toMillis());
                exchange.answer(201, "application/json", answer);
            }
            default -> exchange.answer(201, "application/json", answer);
        }
    }

    /** {@code GET .../Messages.json?To=...}: the messages to that number, newest first, in Twilio's page shape. */
    private void list(Exchange exchange, String path) throws IOException {
        String to = null;
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String field : path.substring(query + 1).split("&")) {
                if (field.startsWith("To=")) {
                    to = URLDecoder.decode(field.substring(3), StandardCharsets.UTF_8);
                }
            }
        }
        StringBuilder records = new StringBuilder();
        List<Held> newestFirst = new java.util.ArrayList<>(held);
        java.util.Collections.reverse(newestFirst);
        for (Held message : newestFirst) {
            if (to != null && !to.equals(message.to())) {
                continue;
            }
            String created = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(message.created().atZone(java.time.ZoneOffset.UTC));
            records.append(records.isEmpty() ? "" : ",").append("{\"sid\":\"").append(message.sid())
                    .append("\",\"to\":\"").append(message.to()).append("\",\"body\":")
                    .append(tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(message.body()))
                    .append(",\"direction\":\"outbound-api\",\"status\":\"sent\",\"num_segments\":\"1\","
                            + "\"date_created\":\"").append(created).append("\"}");
        }
        String uri = path.substring(Math.max(0, path.indexOf("/2010-04-01")));
        exchange.answer(200, "application/json", "{\"messages\":[" + records + "],\"end\":0,\"first_page_uri\":\""
                + uri + "\",\"next_page_uri\":null,\"page\":0,\"page_size\":50,\"previous_page_uri\":null,"
                + "\"start\":0,\"uri\":\"" + uri + "\"}");
    }
}
