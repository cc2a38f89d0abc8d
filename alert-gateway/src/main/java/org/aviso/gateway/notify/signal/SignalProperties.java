package org.aviso.gateway.notify.signal;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.aviso.core.common.PhoneNumber;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Aviso reaches its signal-cli daemon ({@code AVISO_SIGNAL_*}). Without a base URL the Signal channel is off.
 *
 * @param baseUrl               where {@code signal-cli daemon --http} listens, e.g. {@code http://127.0.0.1:8081}
 * @param accounts              our Signal numbers (E.164); the first one also checks reachability and owns the
 *                              announcement groups
 * @param ratePerSecond         messages per second Aviso keeps each account at
 * @param sendTimeout           how long one {@code send} may take: signal-cli answers only once Signal has
 * @param connectTimeout        how long to wait for a connection to the daemon; also bounds the health check
 * @param reconnectMin          the first wait before the event stream reconnects
 * @param reconnectMax          the longest wait between reconnects
 * @param watchdogSilence       reconnect when not even a keep-alive arrived for this long (signal-cli sends one
 *                              every 15 s)
 * @param reachabilityMaxAge    how long a "this number is (not) on Signal" answer is trusted
 * @param reachabilityBatchSize numbers per {@code getUserStatus} call
 * @param reachabilityInterval  how often due numbers are checked
 * @param groupSyncInterval     how often announcement groups are brought in line with the tree
 * @param maxRecipientsPerCall  identical messages sent in one {@code send} call at most
 * @param retryAfterCap         the longest wait Aviso accepts from a rate limit before it asks again
 */
@ConfigurationProperties("aviso.signal")
record SignalProperties(
        URI baseUrl,
        @DefaultValue List<String> accounts,
        @DefaultValue("1.0") double ratePerSecond,
        @DefaultValue("60s") Duration sendTimeout,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("1s") Duration reconnectMin,
        @DefaultValue("60s") Duration reconnectMax,
        @DefaultValue("45s") Duration watchdogSilence,
        @DefaultValue("24h") Duration reachabilityMaxAge,
        @DefaultValue("50") int reachabilityBatchSize,
        @DefaultValue("1m") Duration reachabilityInterval,
        @DefaultValue("5m") Duration groupSyncInterval,
        @DefaultValue("20") int maxRecipientsPerCall,
        @DefaultValue("1h") Duration retryAfterCap) {

    SignalProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        checkAccounts(accounts);
        if (baseUrl != null) {
            checkBaseUrl(baseUrl);
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException(
                        "aviso.signal.accounts must list at least one Signal number when aviso.signal.base-url is set");
            }
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("aviso.signal.rate-per-second must be positive");
        }
        positive(sendTimeout, "send-timeout");
        positive(connectTimeout, "connect-timeout");
        positive(reconnectMin, "reconnect-min");
        positive(reconnectMax, "reconnect-max");
        positive(watchdogSilence, "watchdog-silence");
        positive(reachabilityMaxAge, "reachability-max-age");
        positive(reachabilityInterval, "reachability-interval");
        positive(groupSyncInterval, "group-sync-interval");
        positive(retryAfterCap, "retry-after-cap");
        if (reconnectMin.compareTo(reconnectMax) > 0) {
            throw new IllegalArgumentException("aviso.signal.reconnect-min must not be longer than reconnect-max");
        }
        if (reachabilityBatchSize < 1) {
            throw new IllegalArgumentException("aviso.signal.reachability-batch-size must be at least 1");
        }
        if (maxRecipientsPerCall < 1) {
            throw new IllegalArgumentException("aviso.signal.max-recipients-per-call must be at least 1");
        }
    }

    /** The account that checks reachability and owns the announcement groups. */
    String firstAccount() {
        return accounts.get(0);
    }

    private static void checkAccounts(List<String> accounts) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String account = accounts.get(i);
            try {
                PhoneNumber.of(account == null ? "" : account.strip());
            } catch (IllegalArgumentException e) {
                // the value itself stays out of the message: it is a phone number
                throw new IllegalArgumentException("aviso.signal.accounts[" + i
                        + "] is not an E.164 number (+ then 8 to 15 digits)");
            }
            if (!account.equals(account.strip())) {
                throw new IllegalArgumentException("aviso.signal.accounts[" + i + "] has spaces around it");
            }
            if (!seen.add(account)) {
                throw new IllegalArgumentException("aviso.signal.accounts[" + i + "] is listed twice");
            }
        }
    }

    private static void checkBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "aviso.signal.base-url must be an http:// address such as http://127.0.0.1:8081");
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("aviso.signal." + name + " must be positive");
        }
    }

    @Override
    public String toString() {
        return "SignalProperties[baseUrl=" + baseUrl + ", accounts="
                + accounts.stream().map(a -> PhoneNumber.of(a).masked()).collect(Collectors.joining(",", "[", "]"))
                + ", ratePerSecond=" + ratePerSecond + "]";
    }
}
