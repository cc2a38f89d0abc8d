package org.aviso.gateway.delivery.fault;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.aviso.core.alert.AlertKind;
import org.aviso.core.common.GroupId;
import org.aviso.core.common.Language;
import org.aviso.core.common.PersonId;
import org.aviso.core.tree.Role;
import org.aviso.core.tree.SignalStatus;
import org.aviso.gateway.alert.AlertService;
import org.aviso.gateway.delivery.DeliveryEngine;
import org.aviso.gateway.testing.AvisoTest;
import org.aviso.gateway.testing.TestClock;
import org.aviso.gateway.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * signal-cli and Twilio failing the way they do in life, against stand-ins written from the contracts that accept
 * connections and then misbehave: a send nobody answers, an answer that comes after Aviso gave up, one that is slow
 * but in time, a provider that refuses connections for a while, and an event stream that is accepted and never
 * answered, answered late, falls silent after its headers, breaks in the middle of an event, or is ended by the
 * daemon. What is checked is what people get: how
 * many messages reached each provider per person, the state each delivery ends in, and whether receipts heard
 * after a reconnect count. Sends time out after 2 s here (60 s and 15 s by default), so the faults take seconds.
 */
@AvisoTest
class ProviderDownTest {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    static final Duration RECEIPT_TIMEOUT_PASSED = Duration.ofSeconds(95);
    static final Duration NO_HANG = Duration.ofSeconds(30);
    static final Duration PATIENCE = Duration.ofSeconds(15);

    static final int SIGNAL_PORT = freePort();
    static SignalDaemonStandIn signal = startSignal();
    static final TwilioStandIn twilio = startTwilio();

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("aviso.signal.base-url", () -> "http://127.0.0.1:" + SIGNAL_PORT);
        registry.add("aviso.signal.accounts", () -> GatewayNode.SIGNAL_ACCOUNT);
        registry.add("aviso.signal.rate-per-second", () -> "1000");
        registry.add("aviso.signal.max-recipients-per-call", () -> "1");
        registry.add("aviso.signal.send-timeout", () -> SEND_TIMEOUT.toSeconds() + "s");
        registry.add("aviso.signal.connect-timeout", () -> "1s");
        registry.add("aviso.signal.reconnect-min", () -> "100ms");
        registry.add("aviso.signal.reconnect-max", () -> "500ms");
        registry.add("aviso.public-base-url", () -> "https://alerts.example.org");
        registry.add("aviso.twilio.account-sid", () -> GatewayNode.TWILIO_SID);
        registry.add("aviso.twilio.auth-token", () -> "down-test-token");
        registry.add("aviso.twilio.messaging-service-sid", () -> GatewayNode.TWILIO_SERVICE);
        registry.add("aviso.twilio.api-base-url", twilio::baseUrl);
        registry.add("aviso.twilio.rate-per-second", () -> "1000");
        registry.add("aviso.twilio.read-timeout", () -> SEND_TIMEOUT.toSeconds() + "s");
        registry.add("aviso.twilio.connect-timeout", () -> "1s");
    }

    @AfterEach
    void providersBehaveAgain() {
        signal.sends(SignalDaemonStandIn.Sends.ANSWER, Duration.ZERO);
        signal.events(SignalDaemonStandIn.Events.ANSWER, Duration.ZERO);
        twilio.answers(TwilioStandIn.Answers.ANSWER, Duration.ZERO);
        twilio.rateLimit(List.of());
    }

    @AfterAll
    static void stop() throws IOException {
        signal.close();
        twilio.close();
    }

    @Autowired
    TestData data;
    @Autowired
    AlertService alerts;
    @Autowired
    DeliveryEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    @Test
    void aSignalSendNobodyAnswersIsNeverSentAgainAndThePersonGetsOneSmsAfterTheReceiptTimeout() {
        signal.sends(SignalDaemonStandIn.Sends.NEVER_ANSWER, Duration.ZERO);
        Alert alert = drillTo(3, SignalStatus.ON_SIGNAL);

        runWithoutHanging();

        assertThat(statuses(alert, "SIGNAL")).as("no answer: it may have been sent").containsOnly("UNKNOWN").hasSize(3);
        alert.numbers().forEach(n -> assertThat(signal.sendsTo(n)).as("Signal sends to one person").isEqualTo(1));
        assertThat(statuses(alert, "SMS")).as("no SMS before the receipt timeout").isEmpty();

        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();

        assertThat(statuses(alert, "SMS")).containsOnly("SENT").hasSize(3);
        alert.numbers().forEach(n -> {
            assertThat(signal.sendsTo(n)).as("never a second Signal message").isEqualTo(1);
            assertThat(twilio.messagesTo(n)).as("one SMS").isEqualTo(1);
        });
    }

    @Test
    void aSignalAnswerThatComesAfterAvisoGaveUpCountsAsUnknownAndIsNeverSentAgain() {
        signal.sends(SignalDaemonStandIn.Sends.ANSWER_LATE, SEND_TIMEOUT.multipliedBy(2));
        Alert alert = drillTo(2, SignalStatus.ON_SIGNAL);

        runWithoutHanging();
        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();

        assertThat(statuses(alert, "SIGNAL")).containsOnly("UNKNOWN").hasSize(2);
        assertThat(statuses(alert, "SMS")).containsOnly("SENT").hasSize(2);
        alert.numbers().forEach(n -> {
            assertThat(signal.sendsTo(n)).isEqualTo(1);
            assertThat(twilio.messagesTo(n)).isEqualTo(1);
        });
    }

    @Test
    void aSlowSignalAnswerWithinTheTimeoutIsASendAndNeedsNoSms() {
        signal.sends(SignalDaemonStandIn.Sends.ANSWER_LATE, SEND_TIMEOUT.dividedBy(2));
        Alert alert = drillTo(2, SignalStatus.ON_SIGNAL);

        runWithoutHanging();

        assertThat(statuses(alert, "SIGNAL")).containsOnly("SENT").hasSize(2);
        assertThat(statuses(alert, "SMS")).isEmpty();
        alert.numbers().forEach(n -> assertThat(signal.sendsTo(n)).isEqualTo(1));
    }

    @Test
    void anSmsTwilioNeverAnswersIsLookedUpAtTwilioFoundThereAndNeverSentAgain() {
        twilio.answers(TwilioStandIn.Answers.NEVER_ANSWER, Duration.ZERO);
        Alert alert = drillTo(2, SignalStatus.NOT_ON_SIGNAL);

        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("Twilio may have queued it").containsOnly("UNKNOWN").hasSize(2);

        twilio.answers(TwilioStandIn.Answers.ANSWER, Duration.ZERO);
        clock.advance(Duration.ofMinutes(10));
        runWithoutHanging();

        // Twilio took the request but never answered: the outcome is unknown until Twilio's Messages list is read,
        // where the message is found, so it counts as sent and is not sent a second time
        assertThat(statuses(alert, "SMS")).as("found at Twilio").containsOnly("SENT").hasSize(2);
        assertThat(statuses(alert, "SIGNAL")).isEmpty();
        alert.numbers().forEach(n -> {
            assertThat(twilio.messagesTo(n)).as("SMS requests for one person").isEqualTo(1);
            assertThat(twilio.heldFor(n)).as("SMS the person gets").isEqualTo(1);
        });
    }

    @Test
    void anSmsLostWithoutAnAnswerIsSentOnceMoreWhenTwilioHasNoTraceOfIt() {
        twilio.answers(TwilioStandIn.Answers.LOST, Duration.ZERO);
        Alert alert = drillTo(2, SignalStatus.NOT_ON_SIGNAL);

        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).containsOnly("UNKNOWN").hasSize(2);

        twilio.answers(TwilioStandIn.Answers.ANSWER, Duration.ZERO);
        clock.advance(Duration.ofMinutes(10));
        runWithoutHanging();

        assertThat(statuses(alert, "SMS")).as("not in Twilio's list: sent again").containsOnly("SENT").hasSize(2);
        alert.numbers().forEach(n -> {
            assertThat(twilio.messagesTo(n)).as("create calls: the lost one and the one after it").isEqualTo(2);
            assertThat(twilio.heldFor(n)).as("SMS the person gets: nobody lost, nobody twice").isEqualTo(1);
        });
    }

    @Test
    void anSmsTwilioAnswersTooLateIsUnknownButASlowAnswerInTimeIsSent() {
        twilio.answers(TwilioStandIn.Answers.ANSWER_LATE, SEND_TIMEOUT.multipliedBy(2));
        Alert late = drillTo(1, SignalStatus.NOT_ON_SIGNAL);
        runWithoutHanging();

        twilio.answers(TwilioStandIn.Answers.ANSWER_LATE, SEND_TIMEOUT.dividedBy(2));
        Alert slow = drillTo(1, SignalStatus.NOT_ON_SIGNAL);
        runWithoutHanging();

        assertThat(statuses(late, "SMS")).containsExactly("UNKNOWN");
        assertThat(statuses(slow, "SMS")).containsExactly("SENT");
        assertThat(twilio.messagesTo(late.numbers().get(0))).isEqualTo(1);
        assertThat(twilio.messagesTo(slow.numbers().get(0))).isEqualTo(1);
    }

    @Test
    void withoutAReceiptTheSmsGoesWhenTheReceiptTimeoutRunsOutEvenWhenThatIsBeforeTheQueueLimit() {
        // a 30 s receipt timeout and the 120 s queue limit: Signal accepts at once, then nothing is heard
        Alert alert = drillTo(2, SignalStatus.ON_SIGNAL, Duration.ofSeconds(30));
        runWithoutHanging();
        assertThat(statuses(alert, "SIGNAL")).containsOnly("SENT").hasSize(2);

        clock.advance(Duration.ofSeconds(25));
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("not before the receipt timeout").isEmpty();

        clock.advance(Duration.ofSeconds(10));
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("when the receipt timeout ran out, not at the queue limit")
                .containsOnly("SENT").hasSize(2);
        alert.numbers().forEach(n -> {
            assertThat(signal.sendsTo(n)).isEqualTo(1);
            assertThat(twilio.messagesTo(n)).isEqualTo(1);
        });
    }

    @Test
    void aSignalMessageAcceptedLateCountsItsReceiptTimeoutFromTheAccept() throws IOException {
        signal.close();
        Alert alert = drillTo(1, SignalStatus.ON_SIGNAL, Duration.ofSeconds(30));
        runWithoutHanging();
        assertThat(statuses(alert, "SIGNAL")).as("signal-cli refuses connections").containsOnly("QUEUED");

        signal = startSignal();
        clock.advance(Duration.ofSeconds(20));
        runWithoutHanging();
        assertThat(statuses(alert, "SIGNAL")).as("accepted 20 s after it was queued").containsOnly("SENT");

        clock.advance(Duration.ofSeconds(15));
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("35 s after it was queued but 15 s after the accept: no SMS yet")
                .isEmpty();

        clock.advance(Duration.ofSeconds(20));
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("35 s after the accept, nothing heard: one SMS").containsOnly("SENT");
        assertThat(signal.sendsTo(alert.numbers().get(0))).isEqualTo(1);
        assertThat(twilio.messagesTo(alert.numbers().get(0))).isEqualTo(1);
    }

    @Test
    void everyoneIsReachedOnceWhenSignalRefusesConnectionsForThirtySecondsThenComesBack() throws IOException {
        signal.close();
        Alert alert = drillTo(5, SignalStatus.ON_SIGNAL);

        // connections are refused, so nothing reached signal-cli and trying again is safe
        for (int second = 0; second < 30; second += 5) {
            runWithoutHanging();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(statuses(alert, "SIGNAL")).containsOnly("QUEUED").hasSize(5);
        assertThat(jdbc.queryForObject("select min(attempts) from delivery where alert_id = ?", Integer.class,
                alert.id())).as("it kept trying").isGreaterThanOrEqualTo(2);

        signal = startSignal();
        for (int second = 0; second < 60 && !statuses(alert, "SIGNAL").stream().allMatch("SENT"::equals); second += 5) {
            clock.advance(Duration.ofSeconds(5));
            runWithoutHanging();
        }

        assertThat(statuses(alert, "SIGNAL")).containsOnly("SENT").hasSize(5);
        alert.numbers().forEach(n -> assertThat(signal.sendsTo(n)).isEqualTo(1));
        assertThat(statuses(alert, "SMS")).as("no SMS was needed").isEmpty();
    }

    @Test
    void smsWaitingOutATwilioOutageGoesAsSoonAsTwilioTakesAMessageAgainNotAtItsDoubledRetryTime() {
        twilio.answers(TwilioStandIn.Answers.UNAVAILABLE, Duration.ZERO);
        Alert waiting = drillTo(4, SignalStatus.NOT_ON_SIGNAL);

        // a long outage: every try gets 503, and each row's wait doubles (5 s, 10 s, 20 s, 40 s, 80 s, with jitter)
        waitOutFiveTries(waiting);
        assertThat(statuses(waiting, "SMS")).containsOnly("QUEUED").hasSize(4);
        assertThat(Duration.between(clock.instant(), earliestDue(waiting))).as("their own retries are far off")
                .isGreaterThan(Duration.ofSeconds(60));

        // Twilio is back: the next message it takes shows the channel works again
        twilio.answers(TwilioStandIn.Answers.ANSWER, Duration.ZERO);
        Alert next = drillTo(1, SignalStatus.NOT_ON_SIGNAL);
        runWithoutHanging();
        runWithoutHanging();

        assertThat(statuses(next, "SMS")).containsOnly("SENT");
        assertThat(statuses(waiting, "SMS")).as("everyone who waited out the outage went at once, not 80 s later")
                .containsOnly("SENT").hasSize(4);
        waiting.numbers().forEach(n -> assertThat(twilio.heldFor(n)).as("one SMS each").isEqualTo(1));
    }

    @Test
    void aRateLimitRightAfterATwilioOutageMeansAShortWaitNotOneDoubledByTheOutagesTries() {
        twilio.answers(TwilioStandIn.Answers.UNAVAILABLE, Duration.ZERO);
        Alert waiting = drillTo(3, SignalStatus.NOT_ON_SIGNAL);
        waitOutFiveTries(waiting);

        // Twilio is back, but the first try of each of them is refused for a rate limit (429, nothing created)
        twilio.answers(TwilioStandIn.Answers.ANSWER, Duration.ZERO);
        twilio.rateLimit(waiting.numbers());
        Alert next = drillTo(1, SignalStatus.NOT_ON_SIGNAL);
        runWithoutHanging();
        runWithoutHanging();
        assertThat(statuses(next, "SMS")).containsOnly("SENT");
        waiting.numbers().forEach(n -> assertThat(twilio.messagesTo(n)).as("tried again once Twilio was back")
                .isGreaterThanOrEqualTo(6));
        assertThat(statuses(waiting, "SMS")).containsOnly("QUEUED");
        // one 429 is one short wait; with the outage's five tries counted it was 160-200 s
        assertThat(Duration.between(clock.instant(), latestDue(waiting))).as("their wait after one rate limit")
                .isLessThanOrEqualTo(Duration.ofSeconds(10));

        twilio.rateLimit(List.of());
        clock.set(latestDue(waiting));
        runWithoutHanging();
        assertThat(statuses(waiting, "SMS")).containsOnly("SENT").hasSize(3);
        waiting.numbers().forEach(n -> assertThat(twilio.heldFor(n)).as("one SMS each").isEqualTo(1));
    }

    /** Runs the pipeline at each retry time until every row of the alert has been tried (and refused) five times. */
    private void waitOutFiveTries(Alert alert) {
        runWithoutHanging();
        while (jdbc.queryForObject("select min(attempts) from delivery where alert_id = ?", Integer.class,
                alert.id()) < 5) {
            clock.set(earliestDue(alert));
            runWithoutHanging();
        }
    }

    private Instant latestDue(Alert alert) {
        return jdbc.queryForObject("select max(due_at) from delivery where alert_id = ? and status = 'QUEUED'",
                java.sql.Timestamp.class, alert.id()).toInstant();
    }

    private Instant earliestDue(Alert alert) {
        return jdbc.queryForObject("select min(due_at) from delivery where alert_id = ? and status = 'QUEUED'",
                java.sql.Timestamp.class, alert.id()).toInstant();
    }

    @Test
    void anEventStreamSilentAfterItsHeadersIsReopenedAndTheReceiptsHeardThenCount() {
        Alert alert = drillTo(2, SignalStatus.ON_SIGNAL);
        runWithoutHanging();
        assertThat(statuses(alert, "SIGNAL")).containsOnly("SENT");
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > 0);
        int connections = signal.eventConnections();

        // headers came, then nothing, not even a keep-alive: a hung daemon looks like this
        clock.advance(Duration.ofSeconds(46));
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > connections);
        receiptsFrom(alert, alert.numbers());

        await().atMost(PATIENCE).until(() -> statuses(alert, "SIGNAL").stream().allMatch("DELIVERED"::equals));
        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("delivered on Signal: no SMS").isEmpty();
    }

    @Test
    void aReceiptCutOffMidEventIsLostThePersonGetsSmsAndReceiptsAfterTheReconnectCount() throws IOException {
        Alert alert = drillTo(3, SignalStatus.ON_SIGNAL);
        runWithoutHanging();
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > 0);
        String lost = alert.numbers().get(0);
        List<String> heard = alert.numbers().subList(1, 3);

        int connections = signal.eventConnections();
        signal.cutMidEvent(lost, timestampOf(alert, lost));
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > connections);
        receiptsFrom(alert, List.of(heard.get(0)));
        int reopened = signal.eventConnections();
        signal.endStream();
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > reopened);
        receiptsFrom(alert, List.of(heard.get(1)));

        await().atMost(PATIENCE).until(() -> heard.stream().allMatch(n -> "DELIVERED".equals(signalStatusOf(alert, n))));
        assertThat(signalStatusOf(alert, lost)).as("half an event applies nothing").isEqualTo("SENT");
        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();
        assertThat(twilio.messagesTo(lost)).as("the person whose receipt was lost gets SMS").isEqualTo(1);
        heard.forEach(n -> assertThat(twilio.messagesTo(n)).as("delivered on Signal").isZero());
        alert.numbers().forEach(n -> assertThat(signal.sendsTo(n)).isEqualTo(1));
    }

    @Test
    void anEventStreamAcceptedButNeverAnsweredIsGivenUpAndTheReceiptsOfTheNextOneCount() throws IOException {
        await().atMost(PATIENCE).until(signal::listening); // a live stream, not one a test before closed
        signal.events(SignalDaemonStandIn.Events.NEVER_ANSWER, Duration.ZERO);
        int before = signal.eventConnections();
        int answered = signal.answeredEventConnections();
        signal.endStream(); // the daemon restarts, and hangs: the next connection is accepted and never answered
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > before);

        Alert alert = drillTo(3, SignalStatus.ON_SIGNAL);
        runWithoutHanging();
        assertThat(statuses(alert, "SIGNAL")).as("sends do not wait for the stream").containsOnly("SENT").hasSize(3);

        signal.events(SignalDaemonStandIn.Events.ANSWER, Duration.ZERO);
        clock.advance(Duration.ofSeconds(46)); // past the watchdog: no headers, no keep-alive for 46 s
        await().atMost(PATIENCE).until(() -> signal.answeredEventConnections() > answered);
        receiptsFrom(alert, alert.numbers());

        await().atMost(PATIENCE).until(() -> statuses(alert, "SIGNAL").stream().allMatch("DELIVERED"::equals));
        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();
        assertThat(statuses(alert, "SMS")).as("delivered on Signal: no SMS").isEmpty();
        alert.numbers().forEach(n -> {
            assertThat(signal.sendsTo(n)).as("one Signal message").isEqualTo(1);
            assertThat(twilio.messagesTo(n)).as("no SMS").isZero();
        });
    }

    @Test
    void anEventStreamAnsweredLateIsWaitedForAndItsReceiptsCount() throws IOException {
        await().atMost(PATIENCE).until(signal::listening); // a live stream, not one a test before closed
        signal.events(SignalDaemonStandIn.Events.ANSWER_LATE, Duration.ofSeconds(5));
        int before = signal.eventConnections();
        int answered = signal.answeredEventConnections();
        signal.endStream(); // the daemon restarts, busy: the next connection gets its headers 5 s later
        await().atMost(PATIENCE).until(() -> signal.eventConnections() > before);

        Alert alert = drillTo(2, SignalStatus.ON_SIGNAL);
        runWithoutHanging();
        await().atMost(PATIENCE).until(() -> signal.answeredEventConnections() > answered);
        int connections = signal.eventConnections();
        receiptsFrom(alert, alert.numbers());

        await().atMost(PATIENCE).until(() -> statuses(alert, "SIGNAL").stream().allMatch("DELIVERED"::equals));
        assertThat(signal.eventConnections()).as("the late stream was kept, not given up").isEqualTo(connections);
        clock.advance(RECEIPT_TIMEOUT_PASSED);
        runWithoutHanging();
        alert.numbers().forEach(n -> {
            assertThat(signal.sendsTo(n)).as("one Signal message").isEqualTo(1);
            assertThat(twilio.messagesTo(n)).as("no SMS").isZero();
        });
    }

    /** An alert and its recipients' numbers. */
    record Alert(java.util.UUID id, List<String> numbers) {
    }

    private Alert drillTo(int people, SignalStatus signalStatus) {
        return drillTo(people, signalStatus, null);
    }

    /** The same, on a network whose receipt timeout is {@code receiptTimeout} (null: the default). */
    private Alert drillTo(int people, SignalStatus signalStatus, Duration receiptTimeout) {
        TestData.SmallNetwork network = data.smallNetwork("Down");
        if (receiptTimeout != null) {
            jdbc.update("update network set receipt_timeout_seconds = ? where id = ?", (int) receiptTimeout.toSeconds(),
                    network.network().value());
        }
        GroupId staff = data.group(network.network(), Optional.of(network.site()), "Staff",
                org.aviso.core.tree.Tier.STAFF, java.util.EnumSet.of(AlertKind.DRILL));
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < people; i++) {
            PersonId person = data.person(network.network(), Optional.of(network.site()), Set.of(Role.STAFF),
                    Language.ENGLISH, signalStatus, null, staff);
            numbers.add(data.phoneOf(network.network(), person));
        }
        AlertService.Outcome sent = alerts.compose(network.dispatcherASignedIn(), new AlertService.Composition(
                AlertKind.DRILL, Optional.empty(), Optional.of(network.site()), Set.of(staff), ""));
        return new Alert(sent.alert().value(), List.copyOf(numbers));
    }

    /** The pipeline must come back whatever the providers do: a send that hangs is cut by its timeout. */
    private void runWithoutHanging() {
        assertTimeoutPreemptively(NO_HANG, () -> engine.runUntilIdle(), "the delivery pipeline hung");
    }

    private void receiptsFrom(Alert alert, List<String> numbers) {
        for (String number : numbers) {
            try {
                signal.deliveryReceipt(number, timestampOf(alert, number));
            } catch (IOException e) {
                throw new AssertionError("could not write to the event stream", e);
            }
        }
    }

    /** The timestamp signal-cli answered this person's send with, as Aviso stored it. */
    private long timestampOf(Alert alert, String number) {
        Map<Long, String> byTimestamp = signal.received().stream()
                .collect(Collectors.toMap(SignalDaemonStandIn.Send::timestamp, SignalDaemonStandIn.Send::recipient));
        return jdbc.queryForList("select provider_ref from delivery where alert_id = ? and channel = 'SIGNAL'",
                        String.class, alert.id()).stream().map(Long::parseLong)
                .filter(t -> number.equals(byTimestamp.get(t))).findFirst().orElseThrow();
    }

    private String signalStatusOf(Alert alert, String number) {
        long timestamp = timestampOf(alert, number);
        return jdbc.queryForObject("select status from delivery where alert_id = ? and channel = 'SIGNAL' and "
                + "provider_ref = ?", String.class, alert.id(), Long.toString(timestamp));
    }

    private List<String> statuses(Alert alert, String channel) {
        return jdbc.queryForList("select status from delivery where alert_id = ? and channel = ?", String.class,
                alert.id(), channel);
    }

    private static SignalDaemonStandIn startSignal() {
        try {
            return (SignalDaemonStandIn) new SignalDaemonStandIn(SIGNAL_PORT).start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TwilioStandIn startTwilio() {
        try {
            return (TwilioStandIn) new TwilioStandIn().start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
