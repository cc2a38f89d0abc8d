package org.aviso.gateway.notify.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * How the Twilio SDK talks HTTP in Aviso: exactly one attempt per call, our own timeouts, and optionally another
 * base URL (tests point it at WireMock).
 *
 * <p>One attempt, because the SDK would resend a POST on any 5xx (three times) and httpclient5 would resend it on
 * 429 and 503: a resent POST can send the same alert twice, and the durable outbox already decides when to try
 * again. So automatic retries are off and {@link #reliableRequest} makes a single request.
 *
 * <p>{@link #makeRequest} is written here rather than inherited because the inherited one puts the SDK's own
 * request config (a 30.5 s connect timeout) on every request, which would override ours. Doing it here also lets
 * a failed call keep what the classifier needs: the HTTP status and {@code Retry-After} of an error answer
 * ({@link TwilioErrorResponse}), and whether a failed connection could have delivered the request
 * ({@link TwilioConnectionFailure}); neither quotes Twilio's answer, which can hold the number and the text.
 */
final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiBase;

    TwilioHttpClient(Optional<URI> apiBase, Duration connectTimeout, Duration readTimeout) {
        super(oneAttemptClient(connectTimeout, readTimeout));
        this.apiBase = apiBase.orElse(null);
    }

    private static HttpClientBuilder oneAttemptClient(Duration connectTimeout, Duration readTimeout) {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(read)
                // a pooled connection the server has quietly closed would fail only after the request was written,
                // which reads as "outcome unknown"; checking idle connections first keeps that rare
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        return HttpClientBuilder.create()
                .useSystemProperties() // an operator's https.proxyHost, as the SDK's own client honours
                .disableAutomaticRetries()
                .disableCookieManagement()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build());
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    /**
     * Sends the request once.
     *
     * @throws TwilioErrorResponse     for any answer but 2xx
     * @throws TwilioConnectionFailure when no readable answer came
     */
    @Override
    public Response makeRequest(Request request) {
        HttpUriRequestBase http = new HttpUriRequestBase(request.getMethod().toString(), target(request));
        if (request.requiresAuthentication()) {
            http.addHeader(HttpHeaders.AUTHORIZATION, request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> http.addHeader(name, value)));
        http.addHeader(HttpHeaders.USER_AGENT, HttpUtility.getUserAgentString(request.getUserAgentExtensions()));
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.DELETE) {
            http.setEntity(entity(request));
        }
        Answer answer;
        try {
            answer = client.execute(http, Answer::read);
        } catch (IOException failure) {
            throw TwilioConnectionFailure.of(failure);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw TwilioErrorResponse.of(answer.status(), answer.body(), answer.header(HttpHeaders.RETRY_AFTER));
        }
        if (answer.status() != HttpStatus.SC_NO_CONTENT && !isJson(answer.body())) {
            throw TwilioConnectionFailure.unreadableAnswer(answer.status());
        }
        return new Response(answer.body(), answer.status(), answer.headers());
    }

    /** The SDK's own parse error would quote the body's words, and a success body can hold the message text. */
    private static boolean isJson(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && !json.isMissingNode();
        } catch (IOException notJson) {
            return false;
        }
    }

    private URI target(Request request) {
        URI twilio;
        try {
            twilio = request.constructURL().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Twilio SDK built an invalid URL", e);
        }
        if (apiBase == null) {
            return twilio;
        }
        String basePath = apiBase.getRawPath() == null ? "" : apiBase.getRawPath().replaceAll("/+$", "");
        return URI.create(apiBase.getScheme() + "://" + apiBase.getRawAuthority() + basePath + twilio.getRawPath()
                + (twilio.getRawQuery() == null ? "" : "?" + twilio.getRawQuery()));
    }

    private static HttpEntity entity(Request request) {
        EnumConstants.ContentType type = request.getContentType();
        if (type == EnumConstants.ContentType.JSON) {
            return new StringEntity(request.getBody(), ContentType.APPLICATION_JSON);
        }
        if (type != null && type != EnumConstants.ContentType.FORM_URLENCODED) {
            throw new IllegalArgumentException("Aviso's Twilio client sends forms and JSON only, not " + type);
        }
        List<NameValuePair> form = new ArrayList<>();
        request.getPostParams().forEach((name, values) ->
                values.forEach(value -> form.add(new BasicNameValuePair(name, value))));
        return new UrlEncodedFormEntity(form, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** The whole answer, read before the connection goes back to the pool. */
    private record Answer(int status, Header[] headers, String body) {

        static Answer read(ClassicHttpResponse response) throws IOException {
            HttpEntity entity = response.getEntity();
            String body;
            try {
                body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
            } catch (org.apache.hc.core5.http.ParseException unreadable) {
                throw new IOException("Unreadable answer", unreadable);
            }
            return new Answer(response.getCode(), response.getHeaders(), body);
        }

        String header(String name) {
            for (Header header : headers) {
                if (header.getName().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }
    }
}
