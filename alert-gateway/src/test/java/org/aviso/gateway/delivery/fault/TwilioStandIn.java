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
 * answers 201 with the message's SID. It can accept the connection and never answer, or answer late.
 */
final class TwilioStandIn extends RawHttpServer {

    enum Answers { ANSWER, NEVER_ANSWER, ANSWER_LATE }

    private volatile Answers answers = Answers.ANSWER;
    private volatile Duration lateBy = Duration.ZERO;
    private final List<String> recipients = new CopyOnWriteArrayList<>();

    TwilioStandIn() {
        super(0);
    }

    void answers(Answers behaviour, Duration late) {
        this.answers = behaviour;
        this.lateBy = late;
    }

    /** Numbers of every create-message request that reached it, whatever it answered. */
    List<String> recipients() {
        return List.copyOf(recipients);
    }

    long messagesTo(String number) {
        return recipients.stream().filter(number::equals).count();
    }

    @Override
    void handle(Exchange exchange) throws IOException, InterruptedException {
        Request request = exchange.request();
        if (!request.method().equals("POST") || !request.path().endsWith("/Messages.json")) {
            exchange.answer(404, "application/json", "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
            return;
        }
        for (String field : request.body().split("&")) {
            if (field.startsWith("To=")) {
                recipients.add(URLDecoder.decode(field.substring(3), StandardCharsets.UTF_8));
            }
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
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
}
