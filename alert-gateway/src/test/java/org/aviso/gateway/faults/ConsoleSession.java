package org.aviso.gateway.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person at the console, over plain HTTP as a browser would: session and CSRF cookies, the hidden
 * {@code _csrf} field, sign-in with passphrase and a TOTP code computed here (RFC 6238), forms posted as forms.
 */
final class ConsoleSession {

    record Account(String username, String passphrase, String totpSecret) {
    }

    record Answer(int status, String location, String body) {
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    /** The last TOTP step used per user name: a code is good once. */
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private volatile String csrf;

    ConsoleSession(String base) {
        this.base = base;
    }

    /** Whether the last sign-in was sent to choose a new passphrase first. */
    boolean mustChangePassphrase;

    void signIn(Account account) throws IOException, InterruptedException {
        Answer page = get("/signin");
        if (page.status() != 200) {
            throw new IllegalStateException("sign-in page answered " + page.status());
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            long step = nextStep(account.username());
            Answer answer = post("/signin", Map.of("username", account.username(), "passphrase", account.passphrase(),
                    "code", totp(account.totpSecret(), step)));
            if (answer.status() == 302 && answer.location() != null && answer.location().contains("/account/passphrase")) {
                // a first start's administrator must choose a new passphrase before anything else
                get("/account/passphrase?first");
                mustChangePassphrase = true;
                return;
            }
            if (answer.status() == 302 && answer.location() != null && !answer.location().contains("error")) {
                get("/console"); // picks up the CSRF token of the new session
                return;
            }
            get("/signin");
        }
        throw new IllegalStateException("could not sign in as " + account.username());
    }

    private static long nextStep(String user) throws InterruptedException {
        while (true) {
            long current = Instant.now().getEpochSecond() / 30;
            long last = LAST_STEP.getOrDefault(user, Long.MIN_VALUE);
            long step = Math.max(current - 1, last + 1);
            if (step <= current + 1) {
                LAST_STEP.put(user, step);
                return step;
            }
            Thread.sleep(1_000);
        }
    }

    static String totp(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0xf;
            int binary = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = s.replace("=", "").replace(" ", "").toUpperCase();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookieHeader()).GET().build();
        return remember(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    Answer post(String path, Map<String, ?> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            Iterable<?> values = v instanceof Iterable<?> it ? it : List.of(v);
            for (Object value : values) {
                body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        if (csrf != null) {
            body.append("&_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookieHeader()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return remember(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Answer remember(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
                if ("XSRF-TOKEN".equals(name) && !value.isEmpty()) {
                    csrf = value;
                }
            }
        }
        Matcher m = CSRF.matcher(response.body() == null ? "" : response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                response.body());
    }

    private String cookieHeader() {
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return sb.length() == 0 ? "x=y" : sb.toString();
    }
}
