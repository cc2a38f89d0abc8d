package org.aviso.gateway.notify.signal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends answers to replies (e.g. the result of {@code VERIFY <code>}) straight back over Signal, one at a time on
 * a thread of their own: a send takes seconds, and the event stream must keep reading meanwhile, or signal-cli
 * drops our connection and the events with it. Answers are direct, not alerts: no outbox and no retry.
 */
final class SignalAnswers implements SignalEventDispatcher.Answers, AutoCloseable {

    static final int QUEUE_CAPACITY = 500;
    private static final Logger log = LoggerFactory.getLogger(SignalAnswers.class);

    private final SignalRpcClient client;
    private final ThreadPoolExecutor executor;

    SignalAnswers(SignalRpcClient client) {
        this.client = client;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "signal-answers");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void answer(String account, String recipient, String text) {
        try {
            executor.execute(() -> send(account, recipient, text));
        } catch (RejectedExecutionException e) {
            log.warn("Dropped an answer to a Signal reply: {} answers are already waiting", QUEUE_CAPACITY);
        }
    }

    private void send(String account, String recipient, String text) {
        RpcResult<SendResult> result = client.send(account, List.of(recipient), text);
        if (result instanceof RpcResult.Ok<SendResult> ok) {
            boolean delivered = ok.value().results().stream().anyMatch(r -> "SUCCESS".equals(r.type()));
            if (delivered) {
                log.debug("Answered a Signal reply");
            } else {
                log.warn("An answer to a Signal reply did not go out ({})", ok.value().results().stream()
                        .map(SendResult.RecipientResult::type).findFirst().orElse("no result"));
            }
        } else {
            log.warn("An answer to a Signal reply did not go out ({})", SignalRpcClient.describe(result));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
