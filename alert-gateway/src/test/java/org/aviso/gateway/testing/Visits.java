package org.aviso.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Plain HTTP requests to a running gateway (or a proxy in front of it), as a stranger's script would send them:
 * no redirects followed, a CSRF token of the client's own choosing (the double-submit cookie allows that), and any
 * headers the caller wants to forge.
 */
public final class Visits {

    private static final String CSRF = "visits-csrf-token";
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Visits(String base) {
        this.base = base;
    }

    public record Answer(int status, String location, String body, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Headers claiming (in both spellings) the request was forwarded for a fresh random client. */
    public static Map<String, String> spoofed() {
        return spoofed(true, true);
    }

    /** Headers claiming the request was forwarded for a fresh random client, in the spellings asked for. */
    public static Map<String, String> spoofed(boolean xForwardedFor, boolean forwarded) {
        String address = "198.51." + ThreadLocalRandom.current().nextInt(0, 256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        Map<String, String> headers = new java.util.HashMap<>();
        if (xForwardedFor) {
            headers.put("X-Forwarded-For", address);
        }
        if (forwarded) {
            headers.put("Forwarded", "for=" + address + ";proto=https");
        }
        return headers;
    }

    public Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    public Answer postForm(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "_csrf=" + CSRF + "&", ""));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "XSRF-TOKEN=" + CSRF)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
