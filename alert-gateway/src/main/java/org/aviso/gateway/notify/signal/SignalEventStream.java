package org.aviso.gateway.notify.signal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Listens to signal-cli's events ({@code GET /api/v1/events}, Server-Sent Events) for as long as the application
 * runs. One daemon thread keeps the connection: it dispatches events in order, reconnects with backoff when the
 * stream ends or fails, and cuts a connection over which nothing, not even a keep-alive, arrived for
 * {@code watchdogSilence} (a hung daemon looks exactly like a quiet one otherwise).
 *
 * <p>signal-cli must run with {@code --receive-mode=on-connection}: then it only takes messages from Signal while we
 * listen, and whatever arrives while we reconnect waits on Signal's server instead of being lost.
 */
final class SignalEventStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SignalEventStream.class);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    private static final Duration SHORTEST_POLL = Duration.ofMillis(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI eventsUri;
    private final Backoff backoff;
    private final Duration watchdogSilence;
    private final Duration pollInterval;
    private final SignalEventDispatcher dispatcher;
    private final Clock clock;

    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread thread;
    private volatile Connection current;
    private volatile boolean connected;
    private volatile Instant lastHeard;
    /** Only the listening thread reads and writes this. */
    private boolean outageReported;

    SignalEventStream(URI baseUrl, Duration connectTimeout, Backoff backoff, Duration watchdogSilence,
            SignalEventDispatcher dispatcher, Clock clock) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(Executors.newCachedThreadPool(runnable -> {
                    Thread io = new Thread(runnable, "signal-events-io");
                    io.setDaemon(true);
                    return io;
                }))
                .build();
        this.eventsUri = SignalRpcClient.resolve(baseUrl, SignalRpcClient.EVENTS_PATH);
        this.backoff = backoff;
        this.watchdogSilence = watchdogSilence;
        this.pollInterval = clamp(watchdogSilence.dividedBy(4), SHORTEST_POLL, LONGEST_POLL);
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    static SignalEventStream from(SignalProperties properties, SignalEventDispatcher dispatcher, Clock clock) {
        Backoff backoff = new Backoff(properties.reconnectMin(), properties.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new SignalEventStream(properties.baseUrl(), properties.connectTimeout(), backoff,
                properties.watchdogSilence(), dispatcher, clock);
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            thread = new Thread(this::keepListening, "signal-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            stopping = thread;
            thread = null;
        }
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
        stopping.interrupt();
        try {
            stopping.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether signal-cli has accepted our stream and it is open now. */
    boolean connected() {
        return connected;
    }

    /** When the last byte (an event or a keep-alive) arrived, if ever. */
    Optional<Instant> lastHeard() {
        return Optional.ofNullable(lastHeard);
    }

    private void keepListening() {
        int quietFailures = 0;
        while (running) {
            boolean heard = false;
            try {
                heard = listenOnce();
            } catch (RuntimeException e) {
                log.error("The signal-cli event stream failed ({}); reconnecting", e.getClass().getSimpleName());
            }
            if (!running) {
                return;
            }
            quietFailures = heard ? 0 : quietFailures + 1;
            try {
                Thread.sleep(backoff.delay(quietFailures).toMillis());
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** One connection, from connecting until it ends; true when anything at all came over it. */
    private boolean listenOnce() {
        Connection connection = new Connection(clock.instant());
        current = connection;
        HttpRequest request = HttpRequest.newBuilder(eventsUri).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, connection::subscriberFor);
        // wakes the loop below as soon as the stream ends, after any events it delivered
        response.whenComplete((ended, failure) -> connection.events.add(Connection.ENDED));
        try {
            while (running) {
                String event = connection.events.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (event == Connection.ENDED) {
                    reportEnd(response, connection);
                    return connection.heard;
                } else if (event != null) {
                    dispatcher.dispatch(event);
                } else if (silentFor(connection).compareTo(watchdogSilence) > 0) {
                    log.warn("Nothing from signal-cli's event stream for {} s, not even a keep-alive; reconnecting",
                            silentFor(connection).toSeconds());
                    return connection.heard;
                }
            }
            return connection.heard;
        } catch (InterruptedException e) {
            return connection.heard;
        } finally {
            connection.close();
            connected = false;
            response.cancel(true);
            current = null;
        }
    }

    private Duration silentFor(Connection connection) {
        return Duration.between(connection.lastHeard, clock.instant());
    }

    private void reportEnd(CompletableFuture<HttpResponse<Void>> response, Connection connection) {
        if (connection.accepted) {
            outageReported = false;
        }
        try {
            HttpResponse<Void> ended = response.get();
            if (ended.statusCode() != 200) {
                reportOutage("signal-cli refused the event stream with HTTP " + ended.statusCode()
                        + hintFor(ended.statusCode()));
            } else {
                log.info("signal-cli closed the event stream; reconnecting");
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (SignalRpcClient.nothingWasSent(cause)) {
                reportOutage("signal-cli is not reachable for events");
            } else {
                log.warn("The signal-cli event stream broke ({}); reconnecting",
                        cause == null ? "unknown" : cause.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first failure of an outage is a warning; the retries after it would only repeat it. */
    private void reportOutage(String what) {
        if (!outageReported) {
            outageReported = true;
            log.warn("{}; retrying with backoff", what);
        } else {
            log.debug("{}; retrying with backoff", what);
        }
    }

    private static String hintFor(int status) {
        switch (status) {
            case 421:
                return " (it checks the Host header: reach it as localhost, or bind it to 0.0.0.0 on a private network)";
            case 400:
                return " (it does not know the account)";
            case 404:
                return " (check aviso.signal.base-url)";
            default:
                return "";
        }
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            return min;
        }
        return value.compareTo(max) > 0 ? max : value;
    }

    /** One HTTP connection to the event stream: parses bytes as they arrive and queues complete events. */
    private final class Connection {

        /** Queued after the last event; a new instance compared by identity, so no event text can look like it. */
        static final String ENDED = new String("ended");

        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final SseParser parser = new SseParser(events::add);
        volatile Instant lastHeard;
        volatile boolean heard;
        volatile boolean accepted;
        private volatile boolean closed;
        private volatile Flow.Subscription subscription;

        Connection(Instant started) {
            this.lastHeard = started;
        }

        HttpResponse.BodySubscriber<Void> subscriberFor(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.discarding();
            }
            lastHeard = clock.instant();
            accepted = true;
            connected = true;
            if (closed) {
                // the answer came after this connection was given up (a stop or a reconnect): it is not open now.
                // listenOnce closes before it clears the flag, so one of the two always leaves it false
                connected = false;
                return HttpResponse.BodySubscribers.discarding();
            }
            log.info("Listening to signal-cli's event stream");
            return new EventSubscriber();
        }

        void close() {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        private final class EventSubscriber implements HttpResponse.BodySubscriber<Void> {

            private final CompletableFuture<Void> body = new CompletableFuture<>();

            @Override
            public CompletionStage<Void> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (closed) {
                    s.cancel();
                } else {
                    // parsing only queues events, so there is no reason to hold the daemon back
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                if (closed) {
                    return;
                }
                Instant now = clock.instant();
                lastHeard = now;
                SignalEventStream.this.lastHeard = now;
                heard = true;
                for (ByteBuffer buffer : buffers) {
                    parser.feed(buffer);
                }
            }

            @Override
            public void onError(Throwable failure) {
                body.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                parser.end();
                body.complete(null);
            }
        }
    }
}
