package org.aviso.gateway.notify.signal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Signal settings for tests: short waits so nothing sleeps longer than it must. Change what a test is about. */
final class TestProperties {

    URI baseUrl;
    List<String> accounts = List.of(SignalCli.ACCOUNT);
    Duration sendTimeout = Duration.ofSeconds(5);
    Duration connectTimeout = Duration.ofSeconds(1);
    Duration reconnectMin = Duration.ofMillis(10);
    Duration reconnectMax = Duration.ofMillis(50);
    Duration watchdogSilence = Duration.ofSeconds(45);
    int reachabilityBatchSize = 50;
    Duration reachabilityInterval = Duration.ofMinutes(1);
    int maxRecipientsPerCall = 20;

    private TestProperties(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    static TestProperties daemonAt(String baseUrl) {
        return new TestProperties(URI.create(baseUrl));
    }

    TestProperties sendTimeout(Duration value) {
        sendTimeout = value;
        return this;
    }

    TestProperties accounts(String... values) {
        accounts = List.of(values);
        return this;
    }

    TestProperties reachabilityBatchSize(int value) {
        reachabilityBatchSize = value;
        return this;
    }

    TestProperties maxRecipientsPerCall(int value) {
        maxRecipientsPerCall = value;
        return this;
    }

    SignalProperties build() {
        return new SignalProperties(baseUrl, accounts, 1.0, sendTimeout, connectTimeout, reconnectMin, reconnectMax,
                watchdogSilence, Duration.ofHours(24), reachabilityBatchSize, reachabilityInterval, Duration.ofMinutes(5),
                maxRecipientsPerCall, Duration.ofHours(1));
    }
}
