package org.aviso.gateway.delivery.fault;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * signal-cli and Twilio as WireMock says them, for many recipients: every Signal send succeeds for its one
 * recipient (echoing the number, with a fresh ACI and timestamp), except numbers ending in 7, which are not on
 * Signal; every SMS is accepted. The request journals are the proof of what was sent.
 */
final class SignalAndTwilioStubs {

    static final String MESSAGES = "/2010-04-01/Accounts/" + GatewayNode.TWILIO_SID + "/Messages.json";
    private static final Pattern RECIPIENT = Pattern.compile("\"recipients\":\\[\"(\\+\\d+)\"]");
    private static final Pattern TO = Pattern.compile("(?:^|&)To=%2B(\\d+)");

    private SignalAndTwilioStubs() {
    }

    static void stub(WireMockServer signal, WireMockServer twilio) {
        stub(signal, twilio, false);
    }

    static void stub(WireMockServer signal, WireMockServer twilio, boolean everyoneOnSignal) {
        signal.stubFor(get(urlEqualTo("/api/v1/events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(":\n\n").withFixedDelay(200)));
        signal.stubFor(get(urlEqualTo("/api/v1/check")).willReturn(aResponse().withStatus(200)));
        signal.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(9).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-3,\"message\":\"io\",\"data\":null},"
                        + "\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
        signal.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"jsonrpc\":\"2.0\",\"result\":{\"timestamp\":{{randomInt lower=100000000 upper=2000000000}}"
                                + "{{randomInt lower=1000 upper=9999}},\"results\":[{\"recipientAddress\":{\"uuid\":\""
                                + "{{randomValue type='UUID'}}\",\"number\":\"{{jsonPath request.body '$.params.recipients[0]'}}\","
                                + "\"username\":null},\"type\":\"SUCCESS\"}]},\"id\":\"{{jsonPath request.body '$.id'}}\"}")
                        // as slow as a real daemon talking to Signal's servers, so a stop lands mid-alert
                        .withFixedDelay(20)));
        if (!everyoneOnSignal) {
            stubNotOnSignal(signal);
        }
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"accepted\"}")));
    }

    private static void stubNotOnSignal(WireMockServer signal) {
        signal.stubFor(post(urlEqualTo("/api/v1/rpc")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("send")))
                .withRequestBody(matchingJsonPath("$.params.recipients[0]",
                        com.github.tomakehurst.wiremock.client.WireMock.matching("\\+\\d+7")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"Failed to send message\","
                                + "\"data\":{\"response\":{\"timestamp\":1,\"results\":[{\"recipientAddress\":{\"uuid\":null,"
                                + "\"number\":\"{{jsonPath request.body '$.params.recipients[0]'}}\",\"username\":null},"
                                + "\"type\":\"UNREGISTERED_FAILURE\"}]}}},\"id\":\"{{jsonPath request.body '$.id'}}\"}")));
    }

    /** Signal messages that reached signal-cli, per number (successful ones only: an unregistered number is none). */
    static Map<String, Integer> signalMessages(WireMockServer signal) {
        Map<String, Integer> perNumber = new HashMap<>();
        for (ServeEvent event : signal.getAllServeEvents()) {
            String body = event.getRequest().getBodyAsString();
            if (!event.getRequest().getUrl().equals("/api/v1/rpc") || !body.contains("\"method\":\"send\"")) {
                continue;
            }
            Matcher matcher = RECIPIENT.matcher(body);
            if (matcher.find() && event.getResponse().getBodyAsString().contains("SUCCESS")) {
                perNumber.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return perNumber;
    }

    /** Signal sends attempted per number, whatever signal-cli answered. */
    /** Each number had one Signal attempt, and one SMS when it is not on Signal (none otherwise). */
    static void assertOneSignalAttemptAndSmsOnlyWhereNotOnSignal(WireMockServer signal, WireMockServer twilio,
            java.util.List<String> numbers) {
        Map<String, Integer> signalAttempts = signalAttempts(signal);
        Map<String, Integer> sms = smsMessages(twilio);
        for (String number : numbers) {
            org.assertj.core.api.Assertions.assertThat(signalAttempts.getOrDefault(number, 0))
                    .as("Signal attempts to %s", number).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(sms.getOrDefault(number, 0)).as("SMS to %s", number)
                    .isEqualTo(Population.notOnSignal(number) ? 1 : 0);
        }
    }

    static Map<String, Integer> signalAttempts(WireMockServer signal) {
        Map<String, Integer> perNumber = new HashMap<>();
        for (ServeEvent event : signal.getAllServeEvents()) {
            Matcher matcher = RECIPIENT.matcher(event.getRequest().getBodyAsString());
            if (event.getRequest().getUrl().equals("/api/v1/rpc") && matcher.find()) {
                perNumber.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return perNumber;
    }

    static Map<String, Integer> smsMessages(WireMockServer twilio) {
        Map<String, Integer> perNumber = new HashMap<>();
        for (ServeEvent event : twilio.getAllServeEvents()) {
            Matcher matcher = TO.matcher(event.getRequest().getBodyAsString());
            if (matcher.find()) {
                perNumber.merge("+" + matcher.group(1), 1, Integer::sum);
            }
        }
        return perNumber;
    }

    /** A successful Signal send as a phone's receipt names it. */
    record Accepted(String number, long timestamp, String aci) {
    }

    /** Successful Signal sends among serve events not seen before (their ids are added to {@code seen}). */
    static List<Accepted> newlyAccepted(WireMockServer signal, java.util.Set<java.util.UUID> seen) {
        List<Accepted> accepted = new java.util.ArrayList<>();
        for (ServeEvent event : List.copyOf(signal.getAllServeEvents())) {
            if (!seen.add(event.getId())) {
                continue;
            }
            String response = event.getResponse().getBodyAsString();
            if (!response.contains("SUCCESS")) {
                continue;
            }
            Matcher number = RECIPIENT.matcher(event.getRequest().getBodyAsString());
            Matcher timestamp = Pattern.compile("\"timestamp\":(\\d+)").matcher(response);
            Matcher uuid = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"").matcher(response);
            if (number.find() && timestamp.find() && uuid.find()) {
                accepted.add(new Accepted(number.group(1), Long.parseLong(timestamp.group(1)), uuid.group(1)));
            }
        }
        return accepted;
    }
}
