package org.aviso.gateway.notify.signal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC 2.0 to {@code signal-cli daemon --http}. Each method makes exactly one HTTP request and never retries:
 * {@code send} has no idempotency key, so a second try could reach someone twice. Failures come back classified as
 * {@link RpcResult}, never thrown.
 *
 * <p>Nothing this class logs holds a number, a message text or the daemon's response body: only the method, the
 * request id, the HTTP status or the kind of failure.
 */
final class SignalRpcClient {

    static final String RPC_PATH = "/api/v1/rpc";
    static final String CHECK_PATH = "/api/v1/check";
    static final String EVENTS_PATH = "/api/v1/events";

    private static final Logger log = LoggerFactory.getLogger(SignalRpcClient.class);
    /** Beyond the request timeout, how long we wait for the HTTP client itself to give up. */
    /** A send in which no recipient succeeded: the error carries the whole result in {@code data.response}. */
    private static final Set<Integer> ERRORS_WITH_SEND_RESULT = Set.of(-1, -4, -5);

    private final HttpClient http;
    private final URI rpcUri;
    private final URI checkUri;
    private final Duration callTimeout;
    private final Duration quickTimeout;
    private final Set<Integer> reportedStatuses = ConcurrentHashMap.newKeySet();

    /**
     * @param callTimeout  for calls that wait on Signal's servers (send, lookups, group changes)
     * @param quickTimeout for calls the daemon answers by itself (check, version)
     */
    SignalRpcClient(URI baseUrl, Duration connectTimeout, Duration callTimeout, Duration quickTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.rpcUri = resolve(baseUrl, RPC_PATH);
        this.checkUri = resolve(baseUrl, CHECK_PATH);
        this.callTimeout = callTimeout;
        this.quickTimeout = quickTimeout;
    }

    static SignalRpcClient from(SignalProperties properties) {
        return new SignalRpcClient(properties.baseUrl(), properties.connectTimeout(), properties.sendTimeout(),
                properties.connectTimeout());
    }

    /** {@code base} plus {@code path}, keeping any path prefix of the base (a daemon behind a proxy). */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    /** Sends one text to several people; signal-cli sends to them one after another under one timestamp. */
    RpcResult<SendResult> send(String account, List<String> recipients, String message) {
        Map<String, Object> params = accountParams(account);
        params.put("recipients", List.copyOf(recipients));
        params.put("message", message);
        return sendCall("send", params);
    }

    /** Posts one text into a Signal group (one fan-out by Signal; a result per member). */
    RpcResult<SendResult> sendToGroup(String account, String groupId, String message) {
        Map<String, Object> params = accountParams(account);
        params.put("groupId", groupId);
        params.put("message", message);
        return sendCall("send", params);
    }

    /** Whether these numbers have Signal accounts. May fail with -5 when the lookup quota is spent. */
    RpcResult<List<UserStatus>> getUserStatus(String account, List<String> numbers) {
        Map<String, Object> params = accountParams(account);
        params.put("recipients", List.copyOf(numbers));
        RpcResult<JsonNode> reply = call("getUserStatus", params, callTimeout);
        if (reply instanceof RpcResult.Ok<JsonNode> ok) {
            return decode("getUserStatus", ok.value(), new TypeReference<List<UserStatus>>() {
            });
        }
        return reply.failure();
    }

    /** Creates an announcement group or changes one (see {@link GroupUpdate}). */
    RpcResult<GroupUpdate.Result> updateGroup(String account, GroupUpdate update) {
        Map<String, Object> params = accountParams(account);
        params.putAll(update.params());
        RpcResult<JsonNode> reply = call("updateGroup", params, callTimeout);
        // when sending the group change failed for every member, the change itself happened: the error carries
        // the result, with the new group's id
        return decodeResultOrErrorResponse("updateGroup", reply, GroupUpdate.Result.class);
    }

    RpcResult<List<SignalGroup>> listGroups(String account) {
        RpcResult<JsonNode> reply = call("listGroups", accountParams(account), callTimeout);
        if (reply instanceof RpcResult.Ok<JsonNode> ok) {
            return decode("listGroups", ok.value(), new TypeReference<List<SignalGroup>>() {
            });
        }
        return reply.failure();
    }

    /**
     * Accepts every identity key signal-cli has seen for {@code recipient} (its {@code trust} with
     * {@code trustAllKnownKeys}), so sends to them stop failing with IDENTITY_FAILURE. Answers {@code {}}.
     */
    RpcResult<Void> trust(String account, String recipient) {
        Map<String, Object> params = accountParams(account);
        params.put("recipient", recipient);
        params.put("trustAllKnownKeys", true);
        RpcResult<JsonNode> reply = call("trust", params, callTimeout);
        if (reply instanceof RpcResult.Ok<JsonNode>) {
            return new RpcResult.Ok<>(null);
        }
        return reply.failure();
    }

    /**
     * The bytes of a file someone sent us: {@code getAttachment} with the attachment's {@code id} and the sender
     * ({@code recipient}) or the group it came in ({@code groupId}); the answer is {@code {"data":"<base64>"}}.
     * signal-cli answers -1 "Could not find attachment with ID" for a file it does not have. Answers larger than
     * {@code maxBytes} once decoded are refused.
     */
    RpcResult<byte[]> getAttachment(String account, String id, String sender, String groupId, int maxBytes) {
        Map<String, Object> params = accountParams(account);
        params.put("id", id);
        if (groupId != null) {
            params.put("groupId", groupId);
        } else {
            params.put("recipient", sender);
        }
        RpcResult<JsonNode> reply = call("getAttachment", params, callTimeout);
        if (!(reply instanceof RpcResult.Ok<JsonNode> ok)) {
            return reply.failure();
        }
        JsonNode data = ok.value() == null ? null : ok.value().get("data");
        if (data == null || !data.isString()) {
            return new RpcResult.Unknown<>("getAttachment answer without data");
        }
        String base64 = data.stringValue();
        if ((long) base64.length() * 3 / 4 > maxBytes + 3L) {
            return new RpcResult.Unknown<>("attachment larger than " + maxBytes + " bytes");
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(base64);
            return bytes.length > maxBytes ? new RpcResult.Unknown<>("attachment larger than " + maxBytes + " bytes")
                    : new RpcResult.Ok<>(bytes);
        } catch (IllegalArgumentException e) {
            return new RpcResult.Unknown<>("getAttachment answer is not base64");
        }
    }

    /** The daemon's version, e.g. "0.14.6". */
    RpcResult<String> version() {
        RpcResult<JsonNode> reply = call("version", null, quickTimeout);
        if (reply instanceof RpcResult.Ok<JsonNode> ok) {
            JsonNode version = ok.value() == null ? null : ok.value().get("version");
            if (version == null || !version.isString()) {
                return new RpcResult.Unknown<>("version answer without a version");
            }
            return new RpcResult.Ok<>(version.stringValue());
        }
        return reply.failure();
    }

    /** GET /api/v1/check: the daemon's HTTP server is up (not that the account is connected). */
    RpcResult<Void> check() {
        HttpRequest request = HttpRequest.newBuilder(checkUri).timeout(quickTimeout).GET().build();
        try {
            HttpResponse<String> response = exchange(request, quickTimeout);
            if (response.statusCode() == 200) {
                return new RpcResult.Ok<>(null);
            }
            return new RpcResult.Unknown<>("check answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return failureOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RpcResult.Unknown<>("interrupted");
        }
    }

    private RpcResult<SendResult> sendCall(String method, Map<String, Object> params) {
        RpcResult<SendResult> result = decodeResultOrErrorResponse(method, call(method, params, callTimeout),
                SendResult.class);
        if (result instanceof RpcResult.Ok<SendResult> ok && ok.value().timestamp() == null) {
            return new RpcResult.Unknown<>("send result without a timestamp");
        }
        return result;
    }

    private <T> RpcResult<T> decodeResultOrErrorResponse(String method, RpcResult<JsonNode> reply, Class<T> type) {
        if (reply instanceof RpcResult.Ok<JsonNode> ok) {
            return decode(method, ok.value(), type);
        }
        if (reply instanceof RpcResult.Refused<JsonNode> refused && ERRORS_WITH_SEND_RESULT.contains(refused.code())
                && refused.data() != null && refused.data().path("response").isObject()) {
            return decode(method, refused.data().get("response"), type);
        }
        return reply.failure();
    }

    private <T> RpcResult<T> decode(String method, JsonNode node, Class<T> type) {
        return decode(method, node, SignalJson.MAPPER.constructType(type));
    }

    private <T> RpcResult<T> decode(String method, JsonNode node, TypeReference<T> type) {
        return decode(method, node, SignalJson.MAPPER.constructType(type));
    }

    private <T> RpcResult<T> decode(String method, JsonNode node, JavaType type) {
        try {
            T value = node == null || node.isNull() ? null : SignalJson.MAPPER.treeToValue(node, type);
            if (value == null) {
                return new RpcResult.Unknown<>(method + " answered without a result");
            }
            return new RpcResult.Ok<>(value);
        } catch (JacksonException e) {
            // Jackson's message quotes the input: only the kind of problem is logged
            log.warn("signal-cli's {} result could not be read ({})", method, e.getClass().getSimpleName());
            return new RpcResult.Unknown<>("unreadable " + method + " result");
        }
    }

    private static Map<String, Object> accountParams(String account) {
        // harmless in single-account mode, required in multi-account mode
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", account);
        return params;
    }

    /** One request, one answer: the JSON-RPC envelope, with the HTTP and JSON failures classified. */
    private RpcResult<JsonNode> call(String method, Map<String, Object> params, Duration timeout) {
        String id = "aviso-" + UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.put("params", params);
        }
        HttpRequest httpRequest = HttpRequest.newBuilder(rpcUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SignalJson.MAPPER.writeValueAsString(request),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = exchange(httpRequest, timeout);
        } catch (IOException e) {
            RpcResult<JsonNode> failure = failureOf(e);
            log.warn("signal-cli {} ({}) failed: {}", method, id, describe(failure));
            return failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RpcResult.Unknown<>("interrupted while waiting for signal-cli");
        }
        return readReply(method, id, response);
    }

    private RpcResult<JsonNode> readReply(String method, String id, HttpResponse<String> response) {
        int status = response.statusCode();
        if (notPassedOn(status)) {
            // signal-cli answers every request it handles with 200 (errors inside JSON-RPC), so these come from
            // something in front of it (a proxy, a load balancer) saying it did not pass the request on: nothing went
            // out, and it may be tried again. Other statuses (500, 502, 504) may come after the daemon took the
            // request, so they stay "outcome unknown".
            reportStatus(method, id, status);
            return new RpcResult.NotSent<>("signal-cli was not reached (HTTP " + status + ")");
        }
        if (status != 200) {
            reportStatus(method, id, status);
            return new RpcResult.Unknown<>("signal-cli answered HTTP " + status);
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            log.warn("signal-cli {} ({}) answered 200 with an empty body", method, id);
            return new RpcResult.Unknown<>("empty answer from signal-cli");
        }
        JsonNode reply;
        try {
            reply = SignalJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            log.warn("signal-cli {} ({}) answered with something that is not JSON", method, id);
            return new RpcResult.Unknown<>("unreadable answer from signal-cli");
        }
        if (reply == null || !reply.isObject()) {
            log.warn("signal-cli {} ({}) answered with something that is not a JSON-RPC response", method, id);
            return new RpcResult.Unknown<>("unreadable answer from signal-cli");
        }
        JsonNode echoedId = reply.get("id");
        // an internal error that escaped signal-cli's handler comes back with "id": null
        if (echoedId != null && !echoedId.isNull() && !(echoedId.isString() && id.equals(echoedId.stringValue()))) {
            log.warn("signal-cli {} ({}) answered with another request's id", method, id);
            return new RpcResult.Unknown<>("answer for another request");
        }
        JsonNode error = reply.get("error");
        if (error != null && error.isObject()) {
            int code = error.path("code").asInt(0);
            JsonNode message = error.get("message");
            log.debug("signal-cli {} ({}) answered with error {}", method, id, code);
            return new RpcResult.Refused<>(code, message != null && message.isString() ? message.stringValue() : "",
                    error.get("data"));
        }
        if (!reply.has("result")) {
            log.warn("signal-cli {} ({}) answered with neither a result nor an error", method, id);
            return new RpcResult.Unknown<>("unreadable answer from signal-cli");
        }
        return new RpcResult.Ok<>(reply.get("result"));
    }

    /**
     * One blocking exchange on the calling thread. (The asynchronous API would hop every answer through the common
     * fork-join pool, which on a two-core machine means a new thread per request.) The request's own timeout
     * bounds the wait for signal-cli's answer.
     */
    private HttpResponse<String> exchange(HttpRequest request, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Whether the request never left: no connection was made (refused, connect timeout, unknown host). Anything
     * else (a read timeout, a reset, a connection closed early) may have happened after signal-cli got it.
     */
    static boolean nothingWasSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static <T> RpcResult<T> failureOf(IOException failure) {
        if (nothingWasSent(failure)) {
            return new RpcResult.NotSent<>("could not connect to signal-cli");
        }
        if (failure instanceof HttpTimeoutException) {
            return new RpcResult.Unknown<>("signal-cli did not answer in time");
        }
        // the class says enough (a reset, an early close); JDK messages are kept out on principle
        return new RpcResult.Unknown<>("connection to signal-cli broke (" + failure.getClass().getSimpleName() + ")");
    }

    static String describe(RpcResult<?> result) {
        if (result instanceof RpcResult.NotSent<?> notSent) {
            return notSent.reason();
        }
        if (result instanceof RpcResult.Unknown<?> unknown) {
            return unknown.reason();
        }
        if (result instanceof RpcResult.Refused<?> refused) {
            return "error " + refused.code();
        }
        return "ok";
    }

    private void reportStatus(String method, String id, int status) {
        String hint;
        switch (status) {
            case 421 -> hint = "signal-cli refused our Host header: reach it as localhost or 127.0.0.1, or bind it "
                    + "to 0.0.0.0 on a private network (signal-cli 0.14.5 or later)";
            case 415 -> hint = "signal-cli did not accept our Content-Type";
            case 404 -> hint = "nothing answers at " + RPC_PATH + ": check aviso.signal.base-url";
            case 201 -> hint = "signal-cli treated the request as a notification and sent no answer";
            case 503, 429 -> hint = "something in front of signal-cli is busy or down and did not pass the request on";
            default -> hint = "unexpected answer";
        }
        if (reportedStatuses.add(status)) {
            String consequence = !"send".equals(method) ? ""
                    : notPassedOn(status) ? " Nothing was sent; the messages are tried again."
                    : " Messages sent meanwhile count as outcome unknown and move to SMS after the receipt timeout.";
            log.error("signal-cli {} ({}) answered HTTP {}: {}.{}", method, id, status, hint, consequence);
        } else {
            log.warn("signal-cli {} ({}) answered HTTP {}", method, id, status);
        }
    }

    /** A status only something in front of signal-cli sends, saying it did not pass the request on. */
    private static boolean notPassedOn(int status) {
        return status == 503 || status == 429;
    }
}
